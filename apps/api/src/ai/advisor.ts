/**
 * One entry point for a chat reply in either mode, so the chat route does not branch: with a
 * model the conversation chain streams the answer; without one the guided advisor answers, and
 * its text is passed to `onToken` in word-sized pieces like a streamed reply.
 */
import { createConversationChain } from './chains/conversation/index.ts';
import type { ConversationInput } from './chains/conversation/state.ts';
import { type GuidedState, guidedTurn } from './guided/index.ts';
import { type ModelGateway, ZERO_USAGE } from './models.ts';
import type { ProfilePatch } from './profile.ts';
import type { StreamReplyOptions, StreamReplyResult } from './streaming.ts';

export interface AdvisorInput extends ConversationInput {
  /** Guided mode's state from the previous turn (stored with the conversation). */
  guidedState?: GuidedState | null | undefined;
}

export interface AdvisorReply extends StreamReplyResult {
  mode: 'model' | 'guided';
  /** Guided mode: store for the next turn. */
  guidedState?: GuidedState;
  /** Guided mode: what this turn learned about the business (apply with mergeProfile). */
  profilePatch?: ProfilePatch;
  /** Guided mode: ring 1 is complete after this turn. */
  profileComplete?: boolean;
}

export async function advisorReply(
  gateway: ModelGateway,
  input: AdvisorInput,
  options: StreamReplyOptions = {},
): Promise<AdvisorReply> {
  if (gateway.isConfigured) {
    const reply = await createConversationChain(gateway).reply(input, options);
    return { ...reply, mode: 'model' };
  }
  const turn = guidedTurn({
    message: input.userMessage,
    state: input.guidedState,
    profile: input.profile,
    data: { analysis: input.analysis, strategy: input.strategy },
  });
  let content = '';
  let interrupted = false;
  for (const piece of turn.reply.match(/\S+\s*|\s+/g) ?? []) {
    if (options.signal?.aborted) {
      interrupted = true;
      break;
    }
    content += piece;
    options.onToken?.(piece);
  }
  return {
    content,
    tokensUsed: 0,
    usage: ZERO_USAGE,
    usageEstimated: false,
    interrupted,
    mode: 'guided',
    guidedState: turn.state,
    profilePatch: turn.patch,
    profileComplete: turn.complete,
  };
}
