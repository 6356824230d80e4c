import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyProfile } from '../../src/ai/profile.ts';
import type { ContextHolder } from '../../src/modules/chat/chat.context.ts';
import { forEachBackend, newChatSession, register, useApp } from '../support/app.ts';
import { statementsDuring } from '../support/db.ts';
import { type FakeLlmServer, startFakeLlm } from '../support/fake-llm.ts';

// Embedded (no Redis), a WebSocket's turn runs its follow-up (extraction, summary, index) in this
// process on the socket's loaded context: nothing is read again from the database. A turn with
// nothing learned costs 4 statements: store the message if the session is active, retrieval,
// store the reply, record the follow-up's tokens. (Queued to a worker that reloads the
// conversation, profile and history, it cost 7.)
describe('chat turn statements', () => {
  let llm: FakeLlmServer;
  const env: Record<string, string> = {};
  beforeAll(async () => {
    llm = await startFakeLlm({
      defaultReply: (req) =>
        req.tools.length > 0
          ? { toolCalls: [{ name: req.tools[0]!.function.name, args: emptyProfile() }] }
          : { content: 'Thanks, noted.', usage: { promptTokens: 30, completionTokens: 3 } },
    });
    Object.assign(env, {
      CHAT_MODEL: 'openai:fake-chat',
      LLM_BASE_URL: llm.baseUrl,
      LLM_API_KEY: 'test-key',
      LLM_TIMEOUT_MS: '5000',
    });
  });
  afterAll(() => llm.close());

  forEachBackend((backend) => {
    const ctx = useApp(backend, { RUN_WORKER: 'true' });

    it('a WebSocket turn and its follow-up run 4 statements once the context is loaded', async () => {
      const api = await ctx.extraApp({ ...env, RUN_WORKER: 'true' });
      const s = await register(api);
      const id = await newChatSession(api, s);
      const chat = api.services.chat;
      expect(chat.mode).toBe('model');
      // What the socket does (chat.ws.ts): one context kept between turns, follow-ups "queued".
      const context: ContextHolder = {};
      const turn = async (content: string) => {
        const t = await chat.turn(s.userId, id, content, { context, queueFollowUp: true });
        await t.followUp;
        return t;
      };
      await turn('We bake sourdough for cafés.');

      for (const m of [2, 3, 4]) {
        let t: Awaited<ReturnType<typeof turn>> | undefined;
        const statements = await statementsDuring(ctx.db, async () => {
          t = await turn(`Message ${m}: we bake sourdough for cafés.`);
        });
        expect(t?.reply.content).toBe('Thanks, noted.');
        expect(statements, `turn ${m}`).toHaveLength(4);
      }
      // The follow-up's work was done: its extraction calls reached the model each turn.
      expect(llm.chatRequests().filter((r) => r.tools.length > 0).length).toBeGreaterThanOrEqual(4);
    });
  });
});
