/**
 * One entry point for a chat reply in either mode, so the chat route does not branch: with a
 * model the conversation chain streams the answer, or the advisor agent answers a question
 * about the owner's data past ring 1; without one the guided advisor answers. Text that is not
 * streamed by the model is passed to `onToken` in word-sized pieces like a streamed reply.
 */

import type { OwnerFacts } from './advice/facts.ts';
import { adviceHelp, advise } from './advice/index.ts';
import { runAdvisorAgent } from './agents/advisor/index.ts';
import { createConversationChain } from './chains/conversation/index.ts';
import type { ConversationInput } from './chains/conversation/state.ts';
import { type GuidedState, guidedTurn, type UrlOptions } from './guided/index.ts';
import { type ModelGateway, ZERO_USAGE } from './models.ts';
import { type BusinessProfile, isProfileComplete, type ProfilePatch } from './profile.ts';
import type { StreamReplyOptions, StreamReplyResult } from './streaming.ts';

export interface AdvisorInput extends ConversationInput {
  /** Guided mode's state from the previous turn (stored with the conversation). */
  guidedState?: GuidedState | null | undefined;
  /**
   * The owner's analyses, plan and actions, when the message asks the advisor's questions (the
   * caller loads them then). With a model and ring 1 complete, the advisor agent answers.
   */
  facts?: OwnerFacts | null | undefined;
  /** The network policy the guided interview accepts a website under (as the analysis does). */
  urls?: UrlOptions | undefined;
}

export interface AdvisorReply extends StreamReplyResult {
  mode: 'model' | 'guided';
  /** Guided mode: store for the next turn. */
  guidedState?: GuidedState;
  /** Guided mode: what this turn learned about the business (apply with mergeProfile). */
  profilePatch?: ProfilePatch;
  /** Guided mode: the profile after this turn (a correction replaces a list, not adds to it). */
  profile?: BusinessProfile;
  /** Guided mode: ring 1 is complete after this turn. */
  profileComplete?: boolean;
  /** The advisor agent answered: what the answer rests on, and the tools it used. */
  advice?: { sources: string[]; toolCalls: string[] };
}

/** Sends text that was not streamed by a model in word-sized pieces; stops on abort. */
function emit(
  text: string,
  options: StreamReplyOptions,
): { content: string; interrupted: boolean } {
  let content = '';
  for (const piece of text.match(/\S+\s*|\s+/g) ?? []) {
    if (options.signal?.aborted) return { content, interrupted: true };
    content += piece;
    options.onToken?.(piece);
  }
  return { content, interrupted: false };
}

/**
 * The advisor agent's answer. When the model fails, the answer built from the stored data
 * without a model stands in, so the owner still gets one.
 */
async function agentReply(
  gateway: ModelGateway,
  input: AdvisorInput & { facts: OwnerFacts },
  options: StreamReplyOptions,
): Promise<AdvisorReply> {
  let text: string;
  let usage = ZERO_USAGE;
  let error: Error | undefined;
  let advice: AdvisorReply['advice'];
  try {
    const r = await runAdvisorAgent(gateway, {
      question: input.userMessage,
      facts: input.facts,
      history: input.history,
      signal: options.signal,
    });
    usage = r.usage;
    advice = { sources: r.sources, toolCalls: r.toolCalls };
    text = r.answer || (advise(input.userMessage, input.facts)?.text ?? adviceHelp(input.facts));
  } catch (err) {
    if (options.signal?.aborted) {
      return {
        content: '',
        tokensUsed: 0,
        usage,
        usageEstimated: false,
        interrupted: true,
        mode: 'model',
      };
    }
    error = err as Error;
    text = advise(input.userMessage, input.facts)?.text ?? adviceHelp(input.facts);
  }
  const sent = emit(text, options);
  return {
    ...sent,
    tokensUsed: usage.totalTokens,
    usage,
    usageEstimated: false,
    ...(error ? { error } : {}),
    mode: 'model',
    ...(advice ? { advice } : {}),
  };
}

export async function advisorReply(
  gateway: ModelGateway,
  input: AdvisorInput,
  options: StreamReplyOptions = {},
): Promise<AdvisorReply> {
  if (gateway.isConfigured && input.facts && isProfileComplete(input.profile)) {
    return agentReply(gateway, { ...input, facts: input.facts }, options);
  }
  if (gateway.isConfigured) {
    const reply = await createConversationChain(gateway).reply(input, options);
    return { ...reply, mode: 'model' };
  }
  const turn = guidedTurn({
    message: input.userMessage,
    state: input.guidedState,
    profile: input.profile,
    data: { analysis: input.analysis, strategy: input.strategy, facts: input.facts },
    urls: input.urls,
  });
  const { content, interrupted } = emit(turn.reply, options);
  return {
    content,
    tokensUsed: 0,
    usage: ZERO_USAGE,
    usageEstimated: false,
    interrupted,
    mode: 'guided',
    guidedState: turn.state,
    profilePatch: turn.patch,
    profile: turn.profile,
    profileComplete: turn.complete,
  };
}
