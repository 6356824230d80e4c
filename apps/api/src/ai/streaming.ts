/**
 * Stream one assistant reply token by token, surviving failures and aborts: whatever arrived is
 * returned and marked interrupted, and the upstream request is closed.
 */
import type { BaseMessage } from '@langchain/core/messages';
import {
  type ModelGateway,
  type ModelRole,
  type TokenUsage,
  usageOf,
  ZERO_USAGE,
} from './models.ts';

export interface StreamReplyOptions {
  signal?: AbortSignal | undefined;
  /** Called for each piece of text as it arrives (the WebSocket sends it on). */
  onToken?: ((token: string) => void) | undefined;
  role?: ModelRole;
}

export interface StreamReplyResult {
  content: string;
  /** Total tokens for the call: as reported by the provider, else estimated. */
  tokensUsed: number;
  usage: TokenUsage;
  /** True when the provider did not report usage (the stream was cut short). */
  usageEstimated: boolean;
  /** The reply is incomplete: the model failed or the signal aborted. */
  interrupted: boolean;
  /** Why it was interrupted; absent when the caller aborted. */
  error?: Error;
}

function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) {
    return content
      .map((part) =>
        typeof part === 'string'
          ? part
          : part && typeof part === 'object' && 'text' in part
            ? String((part as { text: unknown }).text)
            : '',
      )
      .join('');
  }
  return '';
}

/** A rough token count (about four characters a token) for when the provider sent no usage. */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

export async function streamReply(
  gateway: ModelGateway,
  messages: BaseMessage[],
  options: StreamReplyOptions = {},
): Promise<StreamReplyResult> {
  let content = '';
  let usage: TokenUsage = ZERO_USAGE;
  let reported = false;
  const done = (interrupted: boolean, error?: Error): StreamReplyResult => {
    if (!reported) {
      const input = estimateTokens(messages.map((m) => textOf(m.content)).join('\n'));
      const output = estimateTokens(content);
      usage = { inputTokens: input, outputTokens: output, totalTokens: input + output };
    }
    return {
      content,
      tokensUsed: usage.totalTokens,
      usage,
      usageEstimated: !reported,
      interrupted,
      ...(error ? { error } : {}),
    };
  };

  try {
    for await (const chunk of gateway.stream(options.role ?? 'chat', messages, {
      signal: options.signal,
    })) {
      const text = textOf(chunk.content);
      if (text) {
        content += text;
        options.onToken?.(text);
      }
      if (chunk.usage_metadata) {
        usage = usageOf(chunk);
        reported = true;
      }
      // A client that went away between chunks: stop now rather than at the next chunk.
      if (options.signal?.aborted) return done(true);
    }
    return done(false);
  } catch (err) {
    if (options.signal?.aborted) return done(true);
    return done(true, err instanceof Error ? err : new Error(String(err)));
  }
}
