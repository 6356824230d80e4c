import { describe, expect, it } from 'vitest';
import {
  assertError,
  bearer,
  forEachBackend,
  register,
  type Session,
  useApp,
} from '../support/app.ts';

// Finding 4: references a request names (or the account behind its token) that are gone or not
// the caller's are 4xx, never a foreign-key 500; and nobody links another user's conversation.
forEachBackend((backend) => {
  const ctx = useApp(backend, { RUN_WORKER: 'false', ALLOW_PRIVATE_NETWORKS: 'true' });

  const analyse = (s: Session, payload: Record<string, unknown>) =>
    ctx.app.inject({
      method: 'POST',
      url: '/api/v1/analysis',
      headers: bearer(s.access),
      payload: { website_url: 'http://127.0.0.1:9/', ...payload },
    });
  const newSession = (s: Session) =>
    ctx.app.inject({
      method: 'POST',
      url: '/api/v1/chat/sessions',
      headers: bearer(s.access),
      payload: {},
    });

  it('an unknown conversation_id is a 404 naming the field', async () => {
    const s = await register(ctx.app);
    const res = await analyse(s, { conversation_id: '00000000-0000-4000-8000-000000000000' });
    assertError(res, 404, 'NOT_FOUND');
    expect(res.json().error.details).toMatchObject({ field: 'conversation_id' });
  });

  it("another user's conversation cannot be attached to my analysis", async () => {
    const alice = await register(ctx.app);
    const bob = await register(ctx.app);
    const conversation = (await newSession(alice)).json().id;
    assertError(await analyse(bob, { conversation_id: conversation }), 404, 'NOT_FOUND');
    const own = await analyse(alice, { conversation_id: conversation });
    expect(own.statusCode, own.body).toBe(202);
  });

  describe('a token whose account was deleted', () => {
    it('POST /chat/sessions and POST /analysis answer 401', async () => {
      const s = await register(ctx.app);
      const del = await ctx.app.inject({
        method: 'DELETE',
        url: '/api/v1/users/me',
        headers: bearer(s.access),
        payload: { password: s.password },
      });
      expect(del.statusCode, del.body).toBe(204);
      assertError(await newSession(s), 401);
      assertError(await analyse(s, {}), 401);
      expect(ctx.logs.text).not.toMatch(/"level":50/);
    });
  });
});
