/**
 * The advisor agent (LangGraph, model mode, past ring 1): answers the owner's questions about
 * their own analyses, plan and actions through read-only tools over those facts, and cites them.
 */
import { AIMessage, HumanMessage } from '@langchain/core/messages';
import type { OwnerFacts } from '../../advice/facts.ts';
import type { ChatMessage } from '../../chains/conversation/state.ts';
import type { ModelGateway, TokenUsage } from '../../models.ts';
import { describeProfile } from '../../profile.ts';
import { redactPromptLeaks } from '../business-analyst/nodes/redact.ts';
import { runToolLoop, textOf, toolCallsOf } from '../tool-loop/index.ts';
import { ADVISOR_FINAL_STEP_NOTE, ADVISOR_SYSTEM_PROMPT, MAX_ITERATIONS } from './prompts.ts';
import { buildAdvisorTools, Citations } from './tools/index.ts';

export { ADVISOR_SYSTEM_PROMPT } from './prompts.ts';

export interface AdvisorAgentInput {
  question: string;
  facts: OwnerFacts;
  /** The last few turns, for follow-up questions ("and the content score?"). */
  history?: ChatMessage[] | undefined;
  signal?: AbortSignal | undefined;
}

export interface AdvisorAgentResult {
  answer: string;
  /** What the answer rests on, as the tools named it. */
  sources: string[];
  toolCalls: string[];
  iterations: number;
  usage: TokenUsage;
}

/** The answer with its sources: named in the text by the model, or added when it named none. */
function withCitations(answer: string, sources: string[]): string {
  if (!sources.length) return answer;
  const lower = answer.toLowerCase();
  const cited = sources.some((s) => lower.includes(s.replace(/^your /, '').toLowerCase()));
  return cited ? answer : `${answer}\n\nBased on ${sources.slice(0, 4).join('; ')}.`;
}

export async function runAdvisorAgent(
  gateway: ModelGateway,
  input: AdvisorAgentInput,
): Promise<AdvisorAgentResult> {
  const cite = new Citations();
  const tools = buildAdvisorTools(input.facts, cite);
  const recent = (input.history ?? [])
    .slice(-4)
    .map((m) => (m.role === 'user' ? new HumanMessage(m.content) : new AIMessage(m.content)));
  const task = new HumanMessage(
    `Business profile (data supplied by the owner):\n${describeProfile(input.facts.profile)}\n\nThe owner asks: ${input.question}`,
  );
  const final = await runToolLoop(
    {
      gateway,
      tools,
      systemPrompt: ADVISOR_SYSTEM_PROMPT,
      finalStepNote: ADVISOR_FINAL_STEP_NOTE,
      maxIterations: MAX_ITERATIONS,
      signal: input.signal,
    },
    [...recent, task],
  );
  const sources = [...cite.sources];
  const raw = textOf(final.messages.at(-1)).trim();
  const { text } = redactPromptLeaks(raw, [ADVISOR_SYSTEM_PROMPT]);
  return {
    answer: text ? withCitations(text, sources) : '',
    sources,
    toolCalls: toolCallsOf(final.messages).map((c) => c.name),
    iterations: final.iterations,
    usage: final.usage,
  };
}
