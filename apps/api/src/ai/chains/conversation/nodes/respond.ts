import { AIMessage, type BaseMessage, HumanMessage, SystemMessage } from '@langchain/core/messages';
import type { ModelGateway } from '../../../models.ts';
import { describeAnalysis, describeProfile, normalizeProfile } from '../../../profile.ts';
import {
  type StreamReplyOptions,
  type StreamReplyResult,
  streamReply,
} from '../../../streaming.ts';
import { BASE_SYSTEM_PROMPT, CONTEXT_CLOSE, CONTEXT_OPEN, RING_PROMPTS } from '../prompts.ts';
import { type ChatMessage, type ConversationInput, WINDOW_TURNS } from '../state.ts';

/** Index in `history` where the last `turns` turns begin (a turn starts at a user message). */
export function windowStart(history: ChatMessage[], turns = WINDOW_TURNS): number {
  let seen = 0;
  for (let i = history.length - 1; i >= 0; i--) {
    if (history[i]?.role === 'user') {
      seen++;
      if (seen === turns) return i;
    }
  }
  return 0;
}

/** Remove our own delimiters from data so it cannot close the context block early. */
function defang(text: string): string {
  return text.replaceAll('<<<', '‹‹‹').replaceAll('>>>', '›››');
}

function contextBlock(input: ConversationInput): string {
  const profile = normalizeProfile(input.profile);
  const parts = [
    `Business profile:\n${describeProfile(profile)}`,
    describeAnalysis(input.analysis),
  ];
  if (input.strategy) {
    const recs = input.strategy.topRecommendations
      .slice(0, 5)
      .map(
        (r) => `- ${r.title}${r.impact ? ` (impact ${r.impact}, effort ${r.effort ?? '?'})` : ''}`,
      )
      .join('\n');
    const c = input.strategy.actionCounts;
    parts.push(
      `Strategy${input.strategy.title ? ` "${input.strategy.title}"` : ''}:\n${recs || '- none'}\nAction items: ${c.done} done, ${c.inProgress} in progress, ${c.todo} to do`,
    );
  }
  if (input.summary) parts.push(`Summary of earlier conversation:\n${input.summary}`);
  if (input.retrieved?.length) {
    parts.push(
      `Related notes:\n${input.retrieved.map((r) => `- (${r.kind}) ${r.text}`).join('\n')}`,
    );
  }
  return `${CONTEXT_OPEN}\n${defang(parts.join('\n\n'))}\n${CONTEXT_CLOSE}`;
}

/** The messages sent to the model for one reply: system + context, window of history, the new message. */
export function buildReplyMessages(input: ConversationInput): BaseMessage[] {
  const start = windowStart(input.history);
  // If the summary lags behind the window (an update failed or has not run yet), keep those
  // messages verbatim rather than lose them, up to twice the window so the prompt stays bounded.
  const covered = input.summary ? (input.summarizedCount ?? start) : 0;
  const from = Math.max(windowStart(input.history, WINDOW_TURNS * 2), Math.min(start, covered));
  const recent = input.history.slice(from);
  return [
    new SystemMessage(
      `${BASE_SYSTEM_PROMPT}\n\n${RING_PROMPTS[input.ring]}\n\n${contextBlock(input)}`,
    ),
    ...recent.map((m) =>
      m.role === 'user' ? new HumanMessage(m.content) : new AIMessage(m.content),
    ),
    new HumanMessage(input.userMessage),
  ];
}

/** Stream the assistant's reply (chat model, temperature 0.7). */
export function respond(
  gateway: ModelGateway,
  input: ConversationInput,
  options: StreamReplyOptions = {},
): Promise<StreamReplyResult> {
  return streamReply(gateway, buildReplyMessages(input), { ...options, role: 'chat' });
}
