import type { AddressInfo } from 'node:net';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { messages, tokenUsage } from '../../src/db/schema.ts';
import { usageDay } from '../../src/modules/chat/chat.repository.ts';
import {
  assertError,
  bearer,
  forEachBackend,
  register,
  type Session,
  useApp,
} from '../support/app.ts';
import { ChatSocket } from '../support/chat-ws.ts';
import { type FakeLlmServer, type FakeReply, startFakeLlm } from '../support/fake-llm.ts';

// Model mode through the fake OpenAI-compatible server, over HTTP and the WebSocket.
forEachBackend((backend) => {
  let llm: FakeLlmServer;
  /** Streaming chat replies, in order; extraction and summaries are answered separately. */
  let script: FakeReply[] = [];
  let failPrimary: FakeReply | null = null;
  const env: Record<string, string> = { RUN_WORKER: 'false' };

  beforeAll(async () => {
    llm = await startFakeLlm();
    Object.assign(env, {
      CHAT_MODEL: 'openai:fake-chat',
      LLM_FALLBACK_MODELS: 'openai:fake-backup',
      LLM_BASE_URL: `${llm.baseUrl}`,
      LLM_API_KEY: 'test-key',
      LLM_MAX_RETRIES: '1',
      LLM_RETRY_BASE_MS: '1',
      LLM_TIMEOUT_MS: '5000',
    });
  });
  afterAll(() => llm.close());
  const ctx = useApp(backend, env);
  let wsBase = '';
  beforeAll(async () => {
    await ctx.app.listen({ port: 0, host: '127.0.0.1' });
    wsBase = `ws://127.0.0.1:${(ctx.app.server.address() as AddressInfo).port}`;
  });
  beforeEach(() => {
    script = [];
    failPrimary = null;
    llm.reset();
    llm.setDefault((req) => {
      if (req.tools.some((t) => t.function.name === 'update_business_profile')) {
        const said = JSON.stringify(req.messages);
        return {
          toolCalls: [
            {
              name: 'update_business_profile',
              args: {
                name: said.includes('Rise Bakery') ? 'Rise Bakery' : null,
                offering: said.includes('sourdough') ? 'sourdough bread' : null,
                audience: null,
                differentiators: [],
                goals: [],
                website_url: null,
                competitors: [],
              },
            },
          ],
        };
      }
      if (!req.stream) return { content: 'Summary of the earlier turns.' };
      if (failPrimary && req.model === 'fake-chat') return failPrimary;
      return script.shift() ?? { content: 'Hello from the fake model.' };
    });
  });

  const newSession = async (s: Session) => {
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/chat/sessions',
      headers: bearer(s.access),
      payload: {},
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().mode).toBe('model');
    return res.json().id as string;
  };
  const storedReply = async (id: string) => {
    const rows = await ctx.db
      .select()
      .from(messages)
      .where(and(eq(messages.id, id)));
    return rows[0];
  };
  const streamed = () => llm.chatRequests().filter((r) => r.stream);

  it('streams typing, tokens and a final event; stores the reply, usage and profile facts', async () => {
    const s = await register(ctx.app);
    const id = await newSession(s);
    script.push({
      content: 'Welcome to Quento, tell me more.',
      usage: { promptTokens: 40, completionTokens: 6 },
    });
    const ws = await ChatSocket.open(`${wsBase}/ws/chat/${id}`, s.access);
    await ws.until((e) => e.type === 'ready');
    const events = await ws.turn("We're Rise Bakery and we sell sourdough bread");
    expect(events[0]?.type).toBe('typing');
    const tokens = events.filter((e) => e.type === 'token').map((e) => e.content);
    expect(tokens.length).toBeGreaterThan(1);
    const final = events.at(-1) as Record<string, unknown>;
    // Coalesced or not, the streamed tokens add up to the stored reply.
    expect(tokens.join('')).toBe(final.content);
    expect(final).toMatchObject({
      type: 'final',
      content: 'Welcome to Quento, tell me more.',
      tokens_used: 46,
      interrupted: false,
    });
    expect(tokens.join('')).toBe(final.content);
    const row = await storedReply(String(final.message_id));
    expect(row).toMatchObject({ role: 'assistant', tokensUsed: 46 });
    // The user's message was stored before the reply.
    const page = await ctx.app.inject({
      url: `/api/v1/chat/sessions/${id}`,
      headers: bearer(s.access),
    });
    expect(page.json().messages.items.map((m: { role: string }) => m.role)).toEqual([
      'user',
      'assistant',
    ]);

    // Follow-up work (extraction, usage) lands; the next turn retrieves the indexed profile.
    await ws.close();
    // The WebSocket sends `final` before the follow-up work; wait until it has indexed the profile.
    for (let i = 0; i < 100; i++) {
      if ((await ctx.app.ai.retriever.search(s.userId, 'Rise Bakery', 1)).length) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    await ctx.app.inject({
      method: 'POST',
      url: `/api/v1/chat/sessions/${id}/messages`,
      headers: bearer(s.access),
      payload: { content: 'What do you know about Rise Bakery sourdough?' },
    });
    const profile = await ctx.app.services.profiles.get(s.userId);
    expect(profile).toMatchObject({ name: 'Rise Bakery', offering: 'sourdough bread' });
    const lastPrompt = JSON.stringify(streamed().at(-1)?.messages);
    expect(lastPrompt).toContain('Related notes');
    expect(lastPrompt).toContain('(profile) Name: Rise Bakery');
    const [usage] = await ctx.db
      .select()
      .from(tokenUsage)
      .where(and(eq(tokenUsage.userId, s.userId), eq(tokenUsage.day, usageDay())));
    expect(usage?.tokens).toBeGreaterThan(46);
  });

  it('retries a 429, falls back after 500s, and waits out a slow first token', async () => {
    const s = await register(ctx.app);
    const id = await newSession(s);
    const send = (content: string) =>
      ctx.app.inject({
        method: 'POST',
        url: `/api/v1/chat/sessions/${id}/messages`,
        headers: bearer(s.access),
        payload: { content },
      });
    script.push({ status: 429 }, { content: 'After the retry.' });
    const r1 = await send('first');
    expect(r1.statusCode, r1.body).toBe(201);
    expect(r1.json().reply).toMatchObject({ content: 'After the retry.', interrupted: false });

    failPrimary = { status: 500 };
    script.push({ content: 'From the backup model.' });
    const r2 = await send('second');
    expect(r2.json().reply.content).toBe('From the backup model.');
    expect(streamed().some((r) => r.model === 'fake-backup')).toBe(true);
    failPrimary = null;

    script.push({ content: 'Slow but complete.', firstTokenDelayMs: 300 });
    const ws = await ChatSocket.open(`${wsBase}/ws/chat/${id}`, s.access);
    const events = await ws.turn('third');
    expect(events[0]?.type).toBe('typing');
    expect(events.at(-1)).toMatchObject({ type: 'final', content: 'Slow but complete.' });
    await ws.close();
  });

  it('stores a partial reply as interrupted and aborts the upstream call when the client goes away', async () => {
    const s = await register(ctx.app);
    const id = await newSession(s);
    script.push({
      content: 'one two three four five six seven eight nine ten eleven twelve thirteen fourteen',
      tokenDelayMs: 100,
    });
    const ws = await ChatSocket.open(`${wsBase}/ws/chat/${id}`, s.access);
    await ws.until((e) => e.type === 'ready');
    ws.send({ type: 'message', content: 'tell me a long story' });
    await ws.until((e) => e.type === 'token' && String(e.content).startsWith('three'));
    await ws.close();

    let reply: typeof messages.$inferSelect | undefined;
    for (let i = 0; i < 100 && !reply; i++) {
      await new Promise((r) => setTimeout(r, 50));
      const rows = await ctx.db.select().from(messages).where(eq(messages.conversationId, id));
      reply = rows.find((m) => m.role === 'assistant');
    }
    expect(reply?.metadata).toMatchObject({ interrupted: true });
    expect(reply?.content.startsWith('one two three')).toBe(true);
    expect(reply?.content.includes('fourteen')).toBe(false);
    const upstream = llm.requests.filter((r) => r.body.stream === true).at(-1);
    expect(upstream?.aborted).toBe(true);

    // The model failing mid-answer is stored the same way.
    script.push({ content: 'alpha beta gamma delta epsilon', failAfterTokens: 2 }, { status: 500 });
    const ws2 = await ChatSocket.open(`${wsBase}/ws/chat/${id}`, s.access);
    const events = await ws2.turn('again');
    expect(events.at(-1)).toMatchObject({
      type: 'final',
      interrupted: true,
      content: 'alpha beta ',
    });
    await ws2.close();
  });

  it('a turn with no word from the model is a 503 with a code, stores no reply and sends none back', async () => {
    const s = await register(ctx.app);
    const id = await newSession(s);
    let failing = true;
    llm.setDefault((req) => {
      if (req.tools.length > 0) return { content: '' };
      if (!req.stream) return { content: 'Summary of the earlier turns.' };
      return failing ? { status: 500 } : { content: 'Back again.' };
    });
    const send = (content: string) =>
      ctx.app.inject({
        method: 'POST',
        url: `/api/v1/chat/sessions/${id}/messages`,
        headers: bearer(s.access),
        payload: { content },
      });
    const first = await send('hello');
    assertError(first, 503, 'SERVICE_UNAVAILABLE');
    const stored = await ctx.db
      .select({ role: messages.role })
      .from(messages)
      .where(eq(messages.conversationId, id));
    expect(stored.map((m) => m.role)).toEqual(['user']);
    failing = false;
    const second = await send('are you there?');
    expect(second.json().reply.content).toBe('Back again.');
    const last = streamed().at(-1)!;
    const sent = last.messages as Array<{ role: string; content: unknown }>;
    expect(sent.filter((m) => m.role === 'user').length).toBeGreaterThanOrEqual(2);
    for (const m of sent) expect(m.content, JSON.stringify(sent)).not.toBe('');
  });

  it('answers 429 TOKEN_CAP_REACHED (HTTP) and an error event (WS) before calling the model', async () => {
    const s = await register(ctx.app);
    const id = await newSession(s);
    await ctx.db.insert(tokenUsage).values({ userId: s.userId, day: usageDay(), tokens: 200_000 });
    const before = llm.chatRequests().length;
    assertError(
      await ctx.app.inject({
        method: 'POST',
        url: `/api/v1/chat/sessions/${id}/messages`,
        headers: bearer(s.access),
        payload: { content: 'hello' },
      }),
      429,
      'TOKEN_CAP_REACHED',
    );
    const ws = await ChatSocket.open(`${wsBase}/ws/chat/${id}`, s.access);
    const events = await ws.turn('hello');
    expect(events).toEqual([expect.objectContaining({ type: 'error', code: 'TOKEN_CAP_REACHED' })]);
    // The socket stays open: a bad message is an error event too.
    const bad = await ws.turn('');
    expect(bad[0]).toMatchObject({ type: 'error', code: 'VALIDATION_FAILED' });
    ws.send('{not json');
    await ws.until((e) => e.type === 'error' && e.code === 'BAD_REQUEST');
    expect(ws.closed).toBeNull();
    await ws.close();
    expect(llm.chatRequests().length).toBe(before);
  });

  it("closes with 4404 on another user's session and 4401 without a valid token", async () => {
    const alice = await register(ctx.app);
    const bob = await register(ctx.app);
    const id = await newSession(alice);
    const ws = await ChatSocket.open(`${wsBase}/ws/chat/${id}`, bob.access);
    await ws.until(() => false, 0, 5000).catch(() => {});
    expect(ws.closed?.code).toBe(4404);
    const bad = await ChatSocket.open(`${wsBase}/ws/chat/${id}`, 'garbage');
    await bad.until(() => false, 0, 5000).catch(() => {});
    expect(bad.closed?.code).toBe(4401);
  });
});
