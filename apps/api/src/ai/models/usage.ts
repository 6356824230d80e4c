/** Token usage of model calls, as the gateway reports it. */
import type { AIMessage } from '@langchain/core/messages';
import type { ModelRole } from './settings.ts';

export interface TokenUsage {
  inputTokens: number;
  outputTokens: number;
  totalTokens: number;
}

export const ZERO_USAGE: TokenUsage = { inputTokens: 0, outputTokens: 0, totalTokens: 0 };

export function addUsage(a: TokenUsage, b: TokenUsage): TokenUsage {
  return {
    inputTokens: a.inputTokens + b.inputTokens,
    outputTokens: a.outputTokens + b.outputTokens,
    totalTokens: a.totalTokens + b.totalTokens,
  };
}

export function usageOf(message: { usage_metadata?: AIMessage['usage_metadata'] }): TokenUsage {
  const u = message.usage_metadata;
  if (!u) return ZERO_USAGE;
  return {
    inputTokens: u.input_tokens ?? 0,
    outputTokens: u.output_tokens ?? 0,
    totalTokens: u.total_tokens ?? (u.input_tokens ?? 0) + (u.output_tokens ?? 0),
  };
}

/** Reported once per model call that returned (whether or not the caller used it). */
export interface UsageEvent {
  role: ModelRole;
  model: string;
  usage: TokenUsage;
  /** Attempts made for this call across retries and fallbacks. */
  attempts: number;
}
