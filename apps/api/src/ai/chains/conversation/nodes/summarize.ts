import { HumanMessage, SystemMessage } from '@langchain/core/messages';
import {
  type CallOptions,
  type ModelGateway,
  type TokenUsage,
  ZERO_USAGE,
} from '../../../models.ts';
import { SUMMARY_PROMPT } from '../prompts.ts';
import type { ChatMessage } from '../state.ts';
import { windowStart } from './respond.ts';

export interface SummaryState {
  /** conversations.summary */
  summary: string | null;
  /** How many of the oldest messages the summary covers. */
  summarizedCount: number;
}

export interface SummaryUpdate extends SummaryState {
  updated: boolean;
  usage: TokenUsage;
}

function transcript(messages: ChatMessage[]): string {
  return messages.map((m) => `${m.role === 'user' ? 'Owner' : 'Quento'}: ${m.content}`).join('\n');
}

/** Fold `messages` into the summary with the analysis model. */
export async function updateSummary(
  gateway: ModelGateway,
  previous: string | null,
  messages: ChatMessage[],
  options: CallOptions = {},
): Promise<{ summary: string; usage: TokenUsage }> {
  const { message, usage } = await gateway.invoke(
    'analysis',
    [
      new SystemMessage(SUMMARY_PROMPT),
      new HumanMessage(
        `Current summary:\n${previous?.trim() || '(none yet)'}\n\nNew messages:\n<<<MESSAGES>>>\n${transcript(messages)}\n<<<END_MESSAGES>>>`,
      ),
    ],
    options,
  );
  const text = typeof message.content === 'string' ? message.content : message.text;
  return { summary: text.trim(), usage };
}

/**
 * Turns that must have left the window, unsummarised, before the summary is updated: one model
 * call per few turns rather than one per turn. Until then the reply keeps them verbatim (see
 * `buildReplyMessages`, which keeps up to twice the window), so nothing drops out of the prompt.
 */
export const SUMMARY_BATCH_TURNS = 4;

/**
 * When at least SUMMARY_BATCH_TURNS turns have left the 10-turn window and are not yet
 * summarised, fold them into the summary. `history` is the whole conversation including the
 * latest exchange. Cheap no-op otherwise, so call it after every exchange.
 */
export async function maybeUpdateSummary(
  gateway: ModelGateway,
  state: SummaryState,
  history: ChatMessage[],
  options: CallOptions = {},
): Promise<SummaryUpdate> {
  const start = windowStart(history);
  const toFold = history.slice(state.summarizedCount, start);
  if (toFold.filter((m) => m.role === 'user').length < SUMMARY_BATCH_TURNS)
    return { ...state, updated: false, usage: ZERO_USAGE };
  const { summary, usage } = await updateSummary(gateway, state.summary, toFold, options);
  return { summary, summarizedCount: start, updated: true, usage };
}
