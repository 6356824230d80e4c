import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyProfile } from '../../src/ai/profile.ts';
import type { App } from '../../src/app.ts';
import { tokenUsage } from '../../src/db/schema.ts';
import { usageDay } from '../../src/modules/chat/chat.repository.ts';
import { bearer, register, useApp } from '../support/app.ts';
import { ChatSocket } from '../support/chat-ws.ts';
import { backends } from '../support/db.ts';
import { type FakeLlmServer, startFakeLlm } from '../support/fake-llm.ts';
import { dropRedisKeys } from '../support/redis.ts';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const [pglite, postgres] = backends as [(typeof backends)[0], (typeof backends)[0]];

// A WebSocket turn's follow-up (profile extraction, summary, index) and how the socket hears of
// it. Embedded: run in the API process on the socket's context (no queue: the in-process queue's
// worker would be this process), reported with the turn's `followUp`. Configured: queued on BullMQ,
// run by a second app (the worker) while the API app runs no worker at all, reported on Redis
// pub/sub, and the socket keeps its context in step.
const modes = [
  { name: 'PGlite + in-process queue', backend: pglite, separateWorker: false, env: {} },
  {
    name: 'PostgreSQL + BullMQ on Redis, separate worker',
    backend: postgres,
    separateWorker: true,
    env: { REDIS_URL, QUEUE_PREFIX: `quento-test-${randomBytes(4).toString('hex')}` },
  },
] as const;

const FULL_PROFILE = {
  name: 'Rise Bakery',
  offering: 'sourdough bread',
  audience: 'cafés in Leeds',
  differentiators: ['48-hour fermentation'],
  goals: ['ten wholesale clients'],
  website_url: 'https://risebakery.example',
  competitors: [],
};

for (const mode of modes) {
  describe.skipIf(!mode.backend.available)(mode.name, () => {
    let llm: FakeLlmServer;
    const env: Record<string, string> = { ...mode.env };
    beforeAll(async () => {
      llm = await startFakeLlm({
        defaultReply: (req) => {
          if (req.tools.some((t) => t.function.name === 'update_business_profile')) {
            // Everything at once when the owner has said it, so ring 1 completes.
            const said = JSON.stringify(req.messages).includes('risebakery.example');
            return {
              toolCalls: [
                {
                  name: 'update_business_profile',
                  args: said ? FULL_PROFILE : emptyProfile(),
                },
              ],
              usage: { promptTokens: 100, completionTokens: 20 },
            };
          }
          return { content: 'Thanks, noted.', usage: { promptTokens: 30, completionTokens: 3 } };
        },
      });
      Object.assign(env, {
        CHAT_MODEL: 'openai:fake-chat',
        LLM_BASE_URL: llm.baseUrl,
        LLM_API_KEY: 'test-key',
        LLM_TIMEOUT_MS: '5000',
      });
    });
    afterAll(async () => {
      await llm.close();
      if ('QUEUE_PREFIX' in mode.env) await dropRedisKeys(REDIS_URL, mode.env.QUEUE_PREFIX);
    });

    // With a separate worker the API app runs none: only the worker app can do the follow-up.
    const ctx = useApp(mode.backend, {
      ...env,
      RUN_WORKER: mode.separateWorker ? 'false' : 'true',
    });
    let api: App;
    let wsBase = '';
    beforeAll(async () => {
      api = await ctx.extraApp({ ...env, RUN_WORKER: mode.separateWorker ? 'false' : 'true' });
      if (mode.separateWorker) await ctx.extraApp({ ...env, RUN_WORKER: 'true' });
      await api.listen({ port: 0, host: '127.0.0.1' });
      wsBase = `ws://127.0.0.1:${(api.server.address() as AddressInfo).port}`;
    });

    it('runs the follow-up, reports ring 1 on the socket and updates its context', async () => {
      expect(api.chatQueue.kind).toBe(mode.separateWorker ? 'bullmq' : 'memory');
      const s = await register(api);
      const created = await api.inject({
        method: 'POST',
        url: '/api/v1/chat/sessions',
        headers: bearer(s.access),
        payload: {},
      });
      const id = created.json().id as string;
      const ws = await ChatSocket.open(`${wsBase}/ws/chat/${id}`, s.access);
      await ws.until((e) => e.type === 'ready');

      const from = ws.events.length;
      const events = await ws.turn(
        "We're Rise Bakery (risebakery.example): sourdough for cafés in Leeds, fermented 48 hours; we want ten wholesale clients.",
      );
      expect(events.at(-1)).toMatchObject({ type: 'final', profile_complete: false });
      // The worker extracted the whole profile: the socket hears that ring 1 is complete.
      await ws.until((e) => e.type === 'profile' && e.profile_complete === true, from, 10_000);

      const profile = await api.services.profiles.get(s.userId);
      expect(profile).toMatchObject({
        name: 'Rise Bakery',
        websiteUrl: 'https://risebakery.example',
      });
      // Reply (33) and extraction (120) tokens both count against the day.
      const [usage] = await ctx.db
        .select()
        .from(tokenUsage)
        .where(and(eq(tokenUsage.userId, s.userId), eq(tokenUsage.day, usageDay())));
      expect(usage?.tokens).toBe(153);

      // The next turn's prompt has the new profile, from the socket's context (no reload). Past
      // ring 1 this question goes to the advisor agent, whose task states the profile.
      const before = llm.chatRequests().length;
      await ws.turn('What should I do first?');
      const prompt = llm
        .chatRequests()
        .slice(before)
        .find((r) => r.stream || r.tools.some((t) => t.function.name === 'list_actions'));
      expect(JSON.stringify(prompt?.messages)).toContain('48-hour fermentation');
      await ws.close();
    });
  });
}
