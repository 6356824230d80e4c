/**
 * The conversation chain: one reply per user message with a ring-specific system prompt, the
 * profile and latest analysis as context, a 10-turn window plus a running summary, and
 * structured extraction of profile updates.
 */
import type { CallOptions, ModelGateway } from '../../models.ts';
import type { StreamReplyOptions, StreamReplyResult } from '../../streaming.ts';
import { extractProfilePatch } from './nodes/extract-profile.ts';
import { respond } from './nodes/respond.ts';
import { maybeUpdateSummary, type SummaryState, type SummaryUpdate } from './nodes/summarize.ts';
import type { ChatMessage, ConversationInput } from './state.ts';

export { isProfileComplete, missingProfileFields, REQUIRED_PROFILE_FIELDS } from '../../profile.ts';
export {
  extractionToPatch,
  extractProfilePatch,
  profileExtractionSchema,
} from './nodes/extract-profile.ts';
export { buildReplyMessages, respond, windowStart } from './nodes/respond.ts';
export {
  maybeUpdateSummary,
  SUMMARY_BATCH_TURNS,
  type SummaryState,
  type SummaryUpdate,
  updateSummary,
} from './nodes/summarize.ts';
export { BASE_SYSTEM_PROMPT, RING_PROMPTS } from './prompts.ts';
export * from './state.ts';

export interface ConversationChain {
  /** Stream the reply; never throws (failures come back as `interrupted` with `error`). */
  reply(input: ConversationInput, options?: StreamReplyOptions): Promise<StreamReplyResult>;
  /** Profile facts the user stated, as a patch for mergeProfile. */
  extractProfile(
    input: { profile: ConversationInput['profile']; messages: ChatMessage[] },
    options?: CallOptions,
  ): ReturnType<typeof extractProfilePatch>;
  /** Fold messages that left the window into the summary; no-op when nothing left it. */
  updateSummary(
    state: SummaryState,
    history: ChatMessage[],
    options?: CallOptions,
  ): Promise<SummaryUpdate>;
}

export function createConversationChain(gateway: ModelGateway): ConversationChain {
  return {
    reply: (input, options) => respond(gateway, input, options),
    extractProfile: (input, options) => extractProfilePatch(gateway, input, options),
    updateSummary: (state, history, options) =>
      maybeUpdateSummary(gateway, state, history, options),
  };
}
