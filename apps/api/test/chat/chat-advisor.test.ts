import { readdirSync, readFileSync } from 'node:fs';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { messages } from '../../src/db/schema.ts';
import { forEachBackend, register, type Session, useApp } from '../support/app.ts';
import { openSession, sayOverHttp } from '../support/chat.ts';
import { type FakeChatRequest, type FakeLlmServer, startFakeLlm } from '../support/fake-llm.ts';
import { type AdvisorScenario, seedAdvisorScenario } from '../support/seed.ts';

// The advisor past ring 1: each transcript (data in ./transcripts/advisor-*.json) seeds an
// owner's story, analyses, plan and actions, then asks its questions. Without a model the
// answers are built from that data by rules; with one, an agent reads it through its tools.

interface Turn {
  say: string;
  intent: string | null;
  expect: string[];
  never: string[];
  model?: { tools: Array<{ name: string; args: Record<string, unknown> }>; sees: string[] };
}
type Transcript = AdvisorScenario & { about: string; turns: Turn[] };

const dir = new URL('./transcripts/', import.meta.url);
const transcripts = readdirSync(dir)
  .filter((f) => f.startsWith('advisor-') && f.endsWith('.json'))
  .map((f) => ({ file: f, t: JSON.parse(readFileSync(new URL(f, dir), 'utf8')) as Transcript }));

/** "{latest.seo}" and "{previous.seo}" stand for the seeded analyses' scores. */
function fill(text: string, scores: Array<Record<string, number | null>>): string {
  const at = { latest: scores.at(-1) ?? {}, previous: scores.at(-2) ?? {} };
  return text.replace(
    /\{(latest|previous)\.(\w+)\}/g,
    (_, which: 'latest' | 'previous', k: string) => String(at[which][k]),
  );
}

/** Plain words: no field keys, no snake_case, nothing cut mid-word. */
function expectPlain(reply: string) {
  expect(reply).not.toMatch(/\b[a-z]+_[a-z_]+\b/);
  expect(reply).not.toMatch(/\w…/);
  expect(reply).not.toMatch(/undefined|null|NaN|\[object/);
}

async function start(
  ctx: ReturnType<typeof useApp>,
  t: Transcript,
): Promise<{ s: Session; id: string; scores: Array<Record<string, number | null>> }> {
  const s = await register(ctx.app);
  const scores = await seedAdvisorScenario(ctx.db, ctx.app.services.profiles, s.userId, t);
  const id = await openSession(ctx.app, s, { ring_phase: 'plan' });
  return { s, id, scores };
}

forEachBackend((backend) => {
  describe('without a model', () => {
    const ctx = useApp(backend, { RUN_WORKER: 'false' });
    for (const { file, t } of transcripts) {
      it(`answers ${file} from the stored data`, async () => {
        const { s, id, scores } = await start(ctx, t);
        for (const turn of t.turns) {
          const reply = (await sayOverHttp(ctx.app, s, id, fill(turn.say, scores))).reply.content;
          for (const want of turn.expect)
            expect(reply.toLowerCase(), turn.say).toContain(fill(want, scores).toLowerCase());
          for (const not of turn.never) expect(reply, turn.say).not.toContain(not);
          expectPlain(reply);
          if (process.env.SHOW_REPLIES) console.log(`> ${turn.say}\n${reply}\n`);
        }
      });
    }
  });

  describe('with a model', () => {
    let llm: FakeLlmServer;
    const env: Record<string, string> = { RUN_WORKER: 'false' };
    beforeAll(async () => {
      llm = await startFakeLlm();
      Object.assign(env, {
        CHAT_MODEL: 'openai:fake-chat',
        LLM_BASE_URL: llm.baseUrl,
        LLM_MAX_RETRIES: '0',
      });
    });
    afterAll(() => llm.close());
    beforeEach(() => llm.reset());
    const ctx = useApp(backend, env);

    /** The agent's script: the turn's tool calls first, then an answer. */
    const agent = (turn: Turn) => (req: FakeChatRequest) => {
      const agentCall = req.tools.some((tool) => tool.function.name === 'list_actions');
      if (!agentCall) return { content: 'Noted.' };
      const answered = req.messages.some((m) => m.role === 'tool');
      if (!answered && turn.model) return { toolCalls: turn.model.tools };
      return {
        content: 'Here is what your own data says.',
        usage: { promptTokens: 90, completionTokens: 8 },
      };
    };

    for (const { file, t } of transcripts) {
      it(`answers ${file} with the advisor agent, through its tools, citing the data`, async () => {
        const { s, id, scores } = await start(ctx, t);
        for (const turn of t.turns.filter((x) => x.model)) {
          llm.reset();
          llm.setDefault(agent(turn));
          const { reply } = await sayOverHttp(ctx.app, s, id, fill(turn.say, scores));
          expect(reply.content).toMatch(/^Here is what your own data says\.\n\nBased on your /);
          expect(reply.tokens_used).toBeGreaterThan(0);
          // The model saw the owner's data in the tool results, and nothing else was asked for.
          const calls = llm.chatRequests().filter((r) => r.tools.length > 0);
          const toolText = calls
            .flatMap((r) =>
              r.messages.filter((m) => m.role === 'tool').map((m) => String(m.content)),
            )
            .join('\n');
          for (const seen of turn.model?.sees ?? []) expect(toolText, turn.say).toContain(seen);
          expect(calls[0]?.tools.map((x) => x.function.name).sort()).toEqual([
            'explain_score',
            'get_scores',
            'list_actions',
            'list_recommendations',
          ]);
          const [stored] = await ctx.db
            .select({ metadata: messages.metadata })
            .from(messages)
            .where(eq(messages.id, reply.id));
          expect(stored?.metadata).toMatchObject({
            mode: 'model',
            tools: turn.model?.tools.map((x) => x.name),
          });
          expectPlain(reply.content);
        }
      });

      it(`answers ${file} from the stored data when the model fails`, async () => {
        const { s, id, scores } = await start(ctx, t);
        llm.setDefault({ status: 500 });
        for (const turn of t.turns.filter((x) => x.intent !== null)) {
          const reply = (await sayOverHttp(ctx.app, s, id, fill(turn.say, scores))).reply.content;
          for (const want of turn.expect)
            expect(reply.toLowerCase(), turn.say).toContain(fill(want, scores).toLowerCase());
        }
      });
    }
  });
});
