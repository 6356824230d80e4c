import type { TokenUsage } from '../../models.ts';
import type { BusinessProfile } from '../../profile.ts';
import type { CompetitorCheck } from './tools/toolkit.ts';

/** The analyst's graph state is the shared tool loop's. */
export type { ToolLoopStateType as AnalystState } from '../tool-loop/index.ts';

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
