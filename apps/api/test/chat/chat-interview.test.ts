import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BusinessProfile } from '../../src/ai/index.ts';
import { rowToProfile } from '../../src/modules/profile/profile.mapper.ts';
import { forEachBackend, register, useApp } from '../support/app.ts';
import { openSession, sayOverHttp } from '../support/chat.ts';
import { type FakeLlmServer, startFakeLlm } from '../support/fake-llm.ts';

// The guided interview as transcripts (data in ./transcripts/guided-*.json): what the owner says
// turn by turn, the environment it runs in, and the profile it must produce within `maxTurns`.

interface Transcript {
  about: string;
  env: Record<string, string>;
  maxTurns: number;
  turns: string[];
  profile: BusinessProfile;
  complete: boolean;
}

const dir = new URL('./transcripts/', import.meta.url);
const transcripts = readdirSync(dir)
  .filter((f) => f.startsWith('guided-') && f.endsWith('.json'))
  .map((f) => ({ file: f, t: JSON.parse(readFileSync(new URL(f, dir), 'utf8')) as Transcript }));

/** Whole sentences in plain words: no field keys, and "…" only after a whole word the owner typed. */
function expectWholeWords(reply: string, said: string) {
  expect(reply).not.toMatch(/\b(?:website_url|differentiators|offering:|undefined|null)\b/);
  for (const m of reply.matchAll(/([\p{L}\p{N}'’-]+)…/gu)) {
    const words = said.toLowerCase().match(/[\p{L}\p{N}'’-]+/gu) ?? [];
    expect(words, `"${m[1]}…" in ${reply}`).toContain(m[1]?.toLowerCase());
  }
  expect(reply.trim()).toMatch(/[.?!)]$/);
}

forEachBackend((backend) => {
  for (const { file, t } of transcripts) {
    describe(file, () => {
      const ctx = useApp(backend, { RUN_WORKER: 'false', ...t.env });

      it(`produces its profile within ${t.maxTurns} turns`, async () => {
        const s = await register(ctx.app);
        const id = await openSession(ctx.app, s, { ring_phase: 'core' });
        expect(t.turns.length).toBeLessThanOrEqual(t.maxTurns);
        let complete = false;
        for (const content of t.turns) {
          const res = await sayOverHttp(ctx.app, s, id, content);
          expectWholeWords(res.reply.content, t.turns.join(' '));
          complete = res.profile_complete;
        }
        expect(complete).toBe(t.complete);
        const stored = rowToProfile(await ctx.app.services.profiles.get(s.userId));
        expect(stored).toEqual(t.profile);
      });
    });
  }
});

// Model mode: when the model's extraction does not parse, the guided parser reads that turn.
forEachBackend((backend) => {
  let llm: FakeLlmServer;
  const env: Record<string, string> = { RUN_WORKER: 'false' };
  beforeAll(async () => {
    llm = await startFakeLlm({
      defaultReply: (req) => {
        // The extraction call: an answer with no tool call, which cannot be parsed.
        if (req.tools.some((x) => x.function.name === 'update_business_profile'))
          return { content: 'The owner runs a bakery, I think.' };
        if (!req.stream) return { content: 'Summary.' };
        return { content: 'Lovely, tell me more.' };
      },
    });
    Object.assign(env, {
      CHAT_MODEL: 'openai:fake-chat',
      LLM_BASE_URL: llm.baseUrl,
      LLM_MAX_RETRIES: '0',
    });
  });
  afterAll(() => llm.close());
  const ctx = useApp(backend, env);

  it('falls back to the guided parser for a turn whose extraction does not parse', async () => {
    const s = await register(ctx.app);
    const id = await openSession(ctx.app, s, { ring_phase: 'core' });
    const res = await sayOverHttp(
      ctx.app,
      s,
      id,
      "We're Harbor Bakery, we sell sourdough and catering to offices in Portside. Our website is harborbakery.co.uk",
    );
    expect(res.reply.content).toBe('Lovely, tell me more.');
    // The extraction was asked for and answered unparseably; the turn still filled the profile.
    expect(
      llm
        .chatRequests()
        .some((r) => r.tools.some((x) => x.function.name === 'update_business_profile')),
    ).toBe(true);
    const stored = rowToProfile(await ctx.app.services.profiles.get(s.userId));
    expect(stored).toMatchObject({
      name: 'Harbor Bakery',
      offering: 'sourdough and catering',
      audience: 'offices in Portside',
      website_url: 'https://harborbakery.co.uk',
    });
  });
});
