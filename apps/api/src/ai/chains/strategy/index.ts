import {
  type AIMessage,
  type BaseMessage,
  HumanMessage,
  SystemMessage,
} from '@langchain/core/messages';
import type { PlannedAction, Recommendation } from '@quento/contracts';
import type { EngineStrategy } from '@quento/engine';
import { priorityOf } from '@quento/engine';
import {
  addUsage,
  type CallOptions,
  type ModelGateway,
  parseModelSpec,
  type TokenUsage,
  usageOf,
  ZERO_USAGE,
} from '../../models.ts';
import { STRATEGY_PROMPT } from './prompts.ts';
import { type Tailoring, tailoringSchema } from './schema.ts';

export { type Tailoring, tailoringSchema } from './schema.ts';

export interface TailorInput {
  strategy: EngineStrategy;
  profile: Record<string, unknown> | null;
}

export interface TailorResult {
  strategy: EngineStrategy;
  /** `tailored` when the model's answer was used, `dropped` when it stayed invalid. */
  outcome: 'tailored' | 'dropped';
  attempts: number;
  usage: TokenUsage;
  problems: string[];
}

const MAX_ATTEMPTS = 2;

function describePlan(s: EngineStrategy): string {
  return s.recommendations
    .map(
      (r) =>
        `- id=${r.id} [${r.category}, ${r.impact} impact, ${r.effort} effort] ${r.title}\n  evidence: ${r.rationale}`,
    )
    .join('\n');
}

/**
 * Applies a tailoring to the engine's strategy. The model may only reorder, reword titles and
 * descriptions, and add strategic items: evidence, rationale, impact, effort, category and the
 * action items' verification rules of audit-based recommendations stay exactly as measured.
 */
export function applyTailoring(base: EngineStrategy, t: Tailoring): EngineStrategy {
  const byId = new Map(base.recommendations.map((r) => [r.id, r]));
  const order: string[] = [];
  for (const id of t.order) if (byId.has(id) && !order.includes(id)) order.push(id);
  for (const r of base.recommendations) if (!order.includes(r.id)) order.push(r.id);
  const rewrites = new Map(t.rewrites.filter((w) => byId.has(w.id)).map((w) => [w.id, w]));

  const audit: Recommendation[] = order.map((id) => {
    const r = byId.get(id)!;
    const w = rewrites.get(id);
    return w ? { ...r, title: w.title.trim(), description: w.description.trim() } : r;
  });
  const strategic: Recommendation[] = t.strategic.map((s, i) => ({
    id: `strategic-${i + 1}`,
    title: s.title.trim(),
    description: s.description.trim(),
    category: s.category,
    impact: s.impact,
    effort: s.effort,
    priority: priorityOf(s.impact, s.effort),
    rationale: s.rationale.trim(),
    source: 'strategic',
    evidence: [],
  }));
  const rank = new Map(order.map((id, i) => [id, i]));
  const actions: PlannedAction[] = [...base.actions].sort(
    (a, b) => (rank.get(a.recommendation_id) ?? 0) - (rank.get(b.recommendation_id) ?? 0),
  );
  for (const s of strategic) {
    actions.push({
      title: s.title,
      description: s.description,
      category: s.category,
      impact: s.impact,
      effort: s.effort,
      priority: s.priority,
      recommendation_id: s.id,
      verification: null,
    });
  }
  // The plan still opens with the business and its goals, whatever the model wrote after it.
  const written = t.summary.trim();
  const summary =
    base.goals.length === 0 || written.startsWith(base.opening)
      ? written
      : `${base.opening} ${written}`;
  return { ...base, summary, recommendations: [...audit, ...strategic], actions };
}

/**
 * The strategy chain: the analysis model tailors the engine's plan to the business profile.
 * Output that fails the schema is retried once with the problems quoted, then dropped (the
 * engine's plan stands).
 */
export async function tailorStrategy(
  gateway: ModelGateway,
  input: TailorInput,
  options: CallOptions = {},
): Promise<TailorResult> {
  const messages: BaseMessage[] = [
    new SystemMessage(STRATEGY_PROMPT),
    new HumanMessage(
      `<<<PROFILE>>>\n${JSON.stringify(input.profile ?? {}, null, 2)}\n<<<END_PROFILE>>>\n\nPlan:\n${describePlan(input.strategy)}`,
    ),
  ];
  let usage = ZERO_USAGE;
  const problems: string[] = [];
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const { value, model } = await gateway.run(
      'analysis',
      (m, { signal, spec }) =>
        m
          .withStructuredOutput(tailoringSchema, {
            name: 'tailor_strategy',
            method:
              parseModelSpec(spec, true).provider === 'ollama' ? 'jsonSchema' : 'functionCalling',
            includeRaw: true,
          })
          .invoke(messages, { signal }),
      options,
    );
    const callUsage = usageOf(value.raw as AIMessage);
    usage = addUsage(usage, callUsage);
    gateway.reportUsage({ role: 'analysis', model, usage: callUsage, attempts: attempt });
    // withStructuredOutput(includeRaw) hands back `parsed: null` instead of throwing on bad output.
    const parsed = tailoringSchema.safeParse(value.parsed ?? rawArguments(value.raw as AIMessage));
    if (parsed.success) {
      return {
        strategy: applyTailoring(input.strategy, parsed.data),
        outcome: 'tailored',
        attempts: attempt,
        usage,
        problems,
      };
    }
    const issues = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.message}`);
    problems.push(...issues);
    messages.push(
      new HumanMessage(
        `Your last answer did not match the required schema (${issues.join('; ')}). Call tailor_strategy again with valid arguments.`,
      ),
    );
  }
  return { strategy: input.strategy, outcome: 'dropped', attempts: MAX_ATTEMPTS, usage, problems };
}

function rawArguments(raw: AIMessage | undefined): unknown {
  const call = raw?.tool_calls?.[0];
  return call?.args ?? null;
}
