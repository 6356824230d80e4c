import type { AddressInfo } from 'node:net';
import { ErrorCode } from '@quento/contracts';
import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { conversations, messages } from '../../src/db/schema.ts';
import { bearer, register, type Session, useApp } from '../support/app.ts';
import { ChatSocket } from '../support/chat-ws.ts';
import { backends } from '../support/db.ts';
import { type FakeLlmServer, type FakeReply, startFakeLlm } from '../support/fake-llm.ts';

// The model provider misbehaving under a chat turn, through the WebSocket: the turn ends with a
// clear event, the partial reply is kept, and the upstream call does not linger.
const backend = backends.find((b) => b.name === 'postgres' && b.available) ?? backends[0]!;
const TIMEOUT_MS = 1000;

describe(`model faults (${backend.name})`, () => {
  let llm: FakeLlmServer;
  let script: FakeReply[] = [];
  const env: Record<string, string> = { RUN_WORKER: 'false' };
  beforeAll(async () => {
    llm = await startFakeLlm();
    Object.assign(env, {
      CHAT_MODEL: 'openai:fake-chat',
      LLM_BASE_URL: llm.baseUrl,
      LLM_API_KEY: 'test-key',
      LLM_MAX_RETRIES: '1',
      LLM_RETRY_BASE_MS: '1',
      LLM_TIMEOUT_MS: String(TIMEOUT_MS),
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
    llm.reset();
    llm.setDefault((req) =>
      req.stream ? (script.shift() ?? { content: 'Fine.' }) : { content: '{}' },
    );
  });

  async function socket(s: Session): Promise<ChatSocket> {
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/chat/sessions',
      headers: bearer(s.access),
      payload: {},
    });
    const ws = await ChatSocket.open(`${wsBase}/ws/chat/${res.json().id}`, s.access);
    await ws.until((e) => e.type === 'ready');
    return ws;
  }
  const streamed = () => llm.requests.filter((r) => r.body.stream === true);

  it('times out before the first token on every try: a clear error, nothing empty stored, the socket stays open', async () => {
    const s = await register(ctx.app);
    const ws = await socket(s);
    // Each try waits longer than LLM_TIMEOUT_MS for its first byte.
    script.push(
      { content: 'never seen', firstTokenDelayMs: TIMEOUT_MS * 5 },
      { content: 'never seen', firstTokenDelayMs: TIMEOUT_MS * 5 },
    );
    const events = await ws.turn('hello?');
    // No reply came: the client is told so with a code it can show, not an empty reply.
    const last = events.at(-1);
    expect(last).toMatchObject({ type: 'error', code: 'SERVICE_UNAVAILABLE' });
    expect(ErrorCode.safeParse(last?.code).success).toBe(true);
    expect(String(last?.message)).toMatch(/did not answer/);
    expect(events.some((e) => e.type === 'final')).toBe(false);
    expect(JSON.stringify(events)).not.toContain('never seen');
    expect(streamed()).toHaveLength(2);
    // Both timed-out calls were given up, not left running.
    await llm.settled();
    for (const r of streamed()) expect(r.aborted).toBe(true);
    // The next turn on the same socket works.
    expect((await ws.turn('again')).at(-1)).toMatchObject({ type: 'final', content: 'Fine.' });
    await ws.close();
    // The owner's messages are kept; no empty assistant message was stored.
    const rows = await ctx.db
      .select({ role: messages.role, content: messages.content })
      .from(messages)
      .innerJoin(conversations, eq(conversations.id, messages.conversationId))
      .where(eq(conversations.userId, s.userId))
      .orderBy(asc(messages.createdAt));
    expect(rows.filter((r) => r.role === 'assistant' && !r.content.trim())).toEqual([]);
    expect(rows.filter((r) => r.role === 'user').map((r) => r.content)).toEqual([
      'hello?',
      'again',
    ]);
  });

  it('stalls after the first token: the partial reply is kept as interrupted, the call aborted', async () => {
    const ws = await socket(await register(ctx.app));
    script.push({ content: 'Partial answer then silence', tokenDelayMs: TIMEOUT_MS * 30 });
    const events = await ws.turn('tell me more');
    expect(events.some((e) => e.type === 'token')).toBe(true);
    expect(events.at(-1)).toMatchObject({ type: 'final', interrupted: true, content: 'Partial ' });
    // No retry after a token went out (it would repeat text), and the stalled call is closed.
    expect(streamed()).toHaveLength(1);
    await llm.settled();
    expect(streamed()[0]!.aborted).toBe(true);
    await ws.close();
  });
});
