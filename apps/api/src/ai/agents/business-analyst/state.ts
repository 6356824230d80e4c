import { Annotation, MessagesAnnotation } from '@langchain/langgraph';
import type { TokenUsage } from '../../models.ts';
import type { BusinessProfile } from '../../profile.ts';
import type { CompetitorCheck } from './tools/toolkit.ts';

/** Graph state: the message log (system prompt excluded) and the step counter. */
export const AnalystState = Annotation.Root({
  ...MessagesAnnotation.spec,
  /** Model calls made so far. */
  iterations: Annotation<number>({ reducer: (_, next) => next, default: () => 0 }),
  /** The model still wanted tools when the step limit was hit. */
  limitReached: Annotation<boolean>({ reducer: (_, next) => next, default: () => false }),
});
export type AnalystStateType = typeof AnalystState.State;

export interface AnalystInput {
  websiteUrl: string;
  profile?: Partial<BusinessProfile> | null | undefined;
  signal?: AbortSignal | undefined;
  /** How many model-suggested competitors to verify (default 3). */
  maxSuggestions?: number | undefined;
}

export interface ExecutedToolCall {
  name: string;
  args: Record<string, unknown>;
}

export interface AnalystResult {
  report: string;
  iterations: number;
  limitReached: boolean;
  /** Every tool call the model asked for, in order (refused and unknown ones included). */
  toolCalls: ExecutedToolCall[];
  /** Competitors that passed verification (named first, then suggested). */
  competitors: CompetitorCheck[];
  usage: TokenUsage;
  /** The report contained text from the system prompt, which was removed. */
  redacted: boolean;
}
