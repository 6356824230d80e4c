import { describe, expect, it } from 'vitest';
import {
  assertError,
  bearer,
  forEachBackend,
  register,
  type Session,
  useApp,
} from '../support/app.ts';

// Every endpoint without a model (the guided advisor), on PGlite and PostgreSQL.
forEachBackend((backend) => {
  const ctx = useApp(backend, { RUN_WORKER: 'false' });

  const create = async (s: Session, payload: unknown = {}) =>
    ctx.app.inject({
      method: 'POST',
      url: '/api/v1/chat/sessions',
      headers: bearer(s.access),
      payload: payload as Record<string, unknown>,
    });
  const send = (s: Session, id: string, payload: unknown) =>
    ctx.app.inject({
      method: 'POST',
      url: `/api/v1/chat/sessions/${id}/messages`,
      headers: bearer(s.access),
      payload: payload as Record<string, unknown>,
    });

  it('runs the core-story interview: the profile fills and ring 1 completes', async () => {
    const s = await register(ctx.app);
    const created = await create(s, { title: 'Core story', ring_phase: 'core' });
    expect(created.statusCode, created.body).toBe(201);
    const session = created.json();
    expect(session).toMatchObject({ title: 'Core story', status: 'active', mode: 'guided' });

    // The opening question is already there, and says plainly that no model is configured.
    const opened = await ctx.app.inject({
      url: `/api/v1/chat/sessions/${session.id}`,
      headers: bearer(s.access),
    });
    expect(opened.json().messages.items).toHaveLength(1);
    expect(opened.json().messages.items[0].content).toContain('No AI model is configured');

    const answers = [
      "We're Rise Bakery, we bake sourdough bread for cafés in Leeds",
      'We use a 48-hour fermentation and deliver before 6am',
      'We want to win 10 new café accounts this year',
      'Our website is https://rise-bakery.example',
      'Our competitors are https://crust.example and https://loaf.example',
    ];
    let last: Record<string, unknown> = {};
    for (const content of answers) {
      const res = await send(s, session.id, { content });
      expect(res.statusCode, res.body).toBe(201);
      last = res.json();
      expect(last.user_message).toMatchObject({ role: 'user', content, interrupted: false });
      expect(last.reply).toMatchObject({ role: 'assistant', tokens_used: 0, interrupted: false });
    }
    expect(last.profile_complete).toBe(true);

    const progress = await ctx.app.inject({
      url: '/api/v1/users/me/progress',
      headers: bearer(s.access),
    });
    const core = progress.json().rings.find((r: { key: string }) => r.key === 'core');
    expect(core.state).toBe('completed');
    expect(progress.json().current_ring).toBe(2);

    const profile = await ctx.app.services.profiles.get(s.userId);
    expect(profile).toMatchObject({
      websiteUrl: 'https://rise-bakery.example',
      competitors: ['https://crust.example', 'https://loaf.example'],
    });
    expect(profile?.name).toMatch(/Rise/);
  });

  it('lists, pages messages, ends a session; an ended session refuses messages with 409', async () => {
    const s = await register(ctx.app);
    const a = (await create(s)).json();
    const b = (await create(s, { title: 'second' })).json();
    for (const content of ['one', 'two', 'three']) {
      expect((await send(s, a.id, { content })).statusCode).toBe(201);
    }
    const list = await ctx.app.inject({
      url: '/api/v1/chat/sessions?limit=1',
      headers: bearer(s.access),
    });
    expect(list.statusCode).toBe(200);
    expect(list.json()).toMatchObject({ total: 2, limit: 1, offset: 0 });
    expect(list.json().items).toHaveLength(1);

    // 1 opening + 3 x (user + reply) = 7 messages; pages of 3, newest page first.
    const first = await ctx.app.inject({
      url: `/api/v1/chat/sessions/${a.id}?limit=3`,
      headers: bearer(s.access),
    });
    const page1 = first.json().messages;
    expect(page1.items).toHaveLength(3);
    expect(page1.items[2].role).toBe('assistant');
    expect(page1.next_before).toBe(page1.items[0].id);
    const older = await ctx.app.inject({
      url: `/api/v1/chat/sessions/${a.id}?limit=10&before=${page1.next_before}`,
      headers: bearer(s.access),
    });
    expect(older.json().messages.items).toHaveLength(4);
    expect(older.json().messages.next_before).toBeNull();
    expect(older.json().messages.items[1]).toMatchObject({ role: 'user', content: 'one' });

    const ended = await ctx.app.inject({
      method: 'DELETE',
      url: `/api/v1/chat/sessions/${b.id}`,
      headers: bearer(s.access),
    });
    expect(ended.statusCode).toBe(200);
    expect(ended.json().status).toBe('ended');
    assertError(await send(s, b.id, { content: 'hello?' }), 409, 'SESSION_ENDED');
  });

  it("another user's session is a 404 everywhere", async () => {
    const alice = await register(ctx.app);
    const bob = await register(ctx.app);
    const id = (await create(alice)).json().id;
    assertError(
      await ctx.app.inject({ url: `/api/v1/chat/sessions/${id}`, headers: bearer(bob.access) }),
      404,
      'NOT_FOUND',
    );
    assertError(await send(bob, id, { content: 'hi' }), 404, 'NOT_FOUND');
    assertError(
      await ctx.app.inject({
        method: 'DELETE',
        url: `/api/v1/chat/sessions/${id}`,
        headers: bearer(bob.access),
      }),
      404,
      'NOT_FOUND',
    );
    const list = await ctx.app.inject({
      url: '/api/v1/chat/sessions',
      headers: bearer(bob.access),
    });
    expect(list.json().total).toBe(0);
    assertError(await ctx.app.inject({ url: '/api/v1/chat/sessions' }), 401);
  });

  it('bad input always gets the error shape, never a 500', async () => {
    const s = await register(ctx.app);
    const id = (await create(s)).json().id;
    assertError(await create(s, { title: 5 }), 400, 'VALIDATION_FAILED');
    assertError(await create(s, { ring_phase: 'nope' }), 400, 'VALIDATION_FAILED');
    assertError(await create(s, { extra: true }), 400, 'VALIDATION_FAILED');
    for (const payload of [
      {},
      { content: '' },
      { content: '   ' },
      { content: 42 },
      { content: 'x'.repeat(8001) },
      { content: 'hi', extra: 1 },
    ]) {
      assertError(await send(s, id, payload), 400, 'VALIDATION_FAILED');
    }
    const malformed = await ctx.app.inject({
      method: 'POST',
      url: `/api/v1/chat/sessions/${id}/messages`,
      headers: { ...bearer(s.access), 'content-type': 'application/json' },
      payload: '{"content": "unterminated',
    });
    assertError(malformed, 400);
    assertError(
      await ctx.app.inject({ url: '/api/v1/chat/sessions/not-a-uuid', headers: bearer(s.access) }),
      400,
    );
    assertError(
      await ctx.app.inject({
        url: `/api/v1/chat/sessions/${id}?limit=0`,
        headers: bearer(s.access),
      }),
      400,
    );
  });
});

describe('chat contracts', () => {
  it('accepts exactly 8000 characters', async () => {
    const { SendMessageRequest } = await import('@quento/contracts');
    expect(SendMessageRequest.safeParse({ content: 'x'.repeat(8000) }).success).toBe(true);
  });
});
