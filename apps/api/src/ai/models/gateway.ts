/**
 * The model gateway: everything else asks it for a call (`invoke`, `stream`, `run`) and gets
 * retries on 429/5xx/timeouts before the first token, an ordered fallback list and per-call
 * token usage. Models come from `providers.ts`; settings from `settings.ts`.
 */
import type { EmbeddingsInterface } from '@langchain/core/embeddings';
import { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { type AIMessage, AIMessageChunk, type BaseMessage } from '@langchain/core/messages';
import { invokeModel } from './direct.ts';
import { createChatModel, createEmbeddings } from './providers.ts';
import {
  Attempt,
  backoffMs,
  DailyTokenCapError,
  defaultSleep,
  IncompleteStreamError,
  isRetriable,
  ModelNotConfiguredError,
  ModelTimeoutError,
} from './resilience.ts';
import { type AiSettings, type ModelRole, parseModelSpec } from './settings.ts';
import { addUsage, type TokenUsage, type UsageEvent, usageOf, ZERO_USAGE } from './usage.ts';

const DEFAULT_TIMEOUT_MS = 60_000;

export interface GatewayOptions {
  onUsage?: (event: UsageEvent) => void;
  /** Injected for tests: how to wait between retries. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export interface CallOptions {
  signal?: AbortSignal | undefined;
}

export interface ModelGateway {
  /** False when CHAT_MODEL is unset: run the guided advisor instead. */
  readonly isConfigured: boolean;
  readonly hasEmbeddings: boolean;
  readonly dailyTokenCap: number | undefined;
  /** Model specs tried in order for a role: the primary then LLM_FALLBACK_MODELS. */
  candidates(role: ModelRole): string[];
  /**
   * A bare LangChain model for one spec (no retries inside; the gateway retries). Async: the
   * provider's package is imported on first use.
   */
  buildChatModel(spec: string, role: ModelRole): Promise<BaseChatModel>;
  /**
   * Run `fn` against each candidate with timeout, retries and fallbacks. Use for anything that is
   * not token streaming: tool-bound calls, structured output. `fn` must honour `signal`.
   */
  run<T>(
    role: ModelRole,
    fn: (model: BaseChatModel, ctx: { signal: AbortSignal; spec: string }) => Promise<T>,
    options?: CallOptions,
  ): Promise<{ value: T; model: string; attempts: number }>;
  /** One completion; usage is reported and returned. */
  invoke(
    role: ModelRole,
    messages: BaseMessage[],
    options?: CallOptions,
  ): Promise<{ message: AIMessage; usage: TokenUsage; model: string }>;
  /**
   * Stream chunks. Retries and fallbacks happen only before the first token; after it, an error
   * is thrown to the consumer (see `streamReply`). Breaking out of the loop aborts the request.
   */
  stream(
    role: ModelRole,
    messages: BaseMessage[],
    options?: CallOptions,
  ): AsyncGenerator<AIMessageChunk>;
  /** The embeddings model, or null when EMBEDDING_MODEL is unset (built once, on first call). */
  embeddings(): Promise<EmbeddingsInterface | null>;
  /** Throws DailyTokenCapError when `usedToday` has reached the cap. */
  assertWithinDailyCap(usedToday: number): void;
  /** Report usage from a call made outside the gateway helpers (e.g. inside `run`). */
  reportUsage(event: UsageEvent): void;
}

/**
 * The model's own streaming generator (LangChain's provider code: request, SSE parsing, message
 * chunks), entered below `stream()`'s callback and tracing layer: nothing here registers
 * callbacks, and that layer costs a web stream, a callback manager and a running concatenation
 * of every chunk on each call, on the path to the first token. Each chunk gets its generation
 * info (finish reason) as `stream()` would add it. A model without its own streaming (or with it
 * disabled) goes through `stream()`.
 */
async function* streamChunks(
  model: BaseChatModel,
  messages: BaseMessage[],
  signal: AbortSignal,
): AsyncGenerator<AIMessageChunk> {
  if (
    model._streamResponseChunks === BaseChatModel.prototype._streamResponseChunks ||
    model.disableStreaming
  ) {
    for await (const chunk of await model.stream(messages, { signal })) yield chunk;
    return;
  }
  const options = { signal } as Parameters<BaseChatModel['_streamResponseChunks']>[1];
  for await (const chunk of model._streamResponseChunks(messages, options)) {
    signal.throwIfAborted();
    const message = chunk.message as AIMessageChunk;
    message.response_metadata = { ...chunk.generationInfo, ...message.response_metadata };
    yield message;
  }
}

function isAbortFromCaller(outer: AbortSignal | undefined): boolean {
  return outer?.aborted === true;
}

/** Build the gateway from settings. Models are built lazily and cached per spec and role. */
export function createModelGateway(
  settings: AiSettings,
  options: GatewayOptions = {},
): ModelGateway {
  const timeoutMs = settings.timeoutMs || DEFAULT_TIMEOUT_MS;
  const maxRetries = settings.maxRetries ?? 2;
  const baseDelay = settings.retryBaseDelayMs ?? 500;
  const maxDelay = settings.maxRetryDelayMs ?? 10_000;
  const sleep = options.sleep ?? defaultSleep;
  const hasBaseUrl = settings.baseUrl !== undefined;
  const cache = new Map<string, BaseChatModel>();

  const primary = (role: ModelRole) =>
    role === 'analysis' ? (settings.analysisModel ?? settings.chatModel) : settings.chatModel;

  function candidates(role: ModelRole): string[] {
    const first = primary(role);
    if (!first) return [];
    const rest = (settings.fallbackModels ?? []).filter((m) => m !== first);
    return [first, ...rest];
  }

  async function buildChatModel(spec: string, role: ModelRole): Promise<BaseChatModel> {
    const key = `${role}|${spec}`;
    const cached = cache.get(key);
    if (cached) return cached;
    const built = await createChatModel(settings, spec, role);
    cache.set(key, built);
    return built;
  }

  const report = (event: UsageEvent) => options.onUsage?.(event);

  const backoff = (attempt: number, err: unknown) => backoffMs(attempt, err, baseDelay, maxDelay);

  /**
   * The role's models in fallback order. One that cannot be built (a missing key) is skipped like
   * one that fails, and reported through `skipped` so it can be the error if nothing works.
   */
  async function* usableModels(
    role: ModelRole,
    skipped: (err: unknown) => void,
  ): AsyncGenerator<{ spec: string; model: BaseChatModel }> {
    const specs = candidates(role);
    if (specs.length === 0) throw new ModelNotConfiguredError(role);
    for (const spec of specs) {
      let model: BaseChatModel;
      try {
        model = await buildChatModel(spec, role);
      } catch (err) {
        skipped(err);
        continue;
      }
      yield { spec, model };
    }
  }

  async function run<T>(
    role: ModelRole,
    fn: (model: BaseChatModel, ctx: { signal: AbortSignal; spec: string }) => Promise<T>,
    callOptions: CallOptions = {},
  ): Promise<{ value: T; model: string; attempts: number }> {
    const outer = callOptions.signal;
    let lastError: unknown;
    let attempts = 0;
    for await (const { spec, model } of usableModels(role, (err) => {
      lastError = err;
    })) {
      for (let retry = 0; retry <= maxRetries; retry++) {
        attempts++;
        const attempt = new Attempt(timeoutMs, outer);
        try {
          const value = await fn(model, { signal: attempt.controller.signal, spec });
          attempt.complete();
          return { value, model: spec, attempts };
        } catch (err) {
          if (isAbortFromCaller(outer)) throw outer?.reason ?? err;
          lastError = attempt.timedOut ? new ModelTimeoutError(timeoutMs) : err;
          if (!isRetriable(lastError) || retry === maxRetries) break;
          await sleep(backoff(retry, err), outer);
        } finally {
          attempt.end();
        }
      }
    }
    throw lastError;
  }

  async function invoke(role: ModelRole, messages: BaseMessage[], callOptions: CallOptions = {}) {
    const { value, model, attempts } = await run(
      role,
      // Below LangChain's callback layer where the model allows it (direct.ts).
      (m, { signal }) => invokeModel(m, messages, signal),
      callOptions,
    );
    const usage = usageOf(value);
    report({ role, model, usage, attempts });
    return { message: value, usage, model };
  }

  async function* stream(
    role: ModelRole,
    messages: BaseMessage[],
    callOptions: CallOptions = {},
  ): AsyncGenerator<AIMessageChunk> {
    const outer = callOptions.signal;
    let lastError: unknown;
    let attempts = 0;
    for await (const { spec, model } of usableModels(role, (err) => {
      lastError = err;
    })) {
      for (let retry = 0; retry <= maxRetries; retry++) {
        attempts++;
        const attempt = new Attempt(timeoutMs, outer);
        let started = false;
        let finished = false;
        let usage = ZERO_USAGE;
        try {
          for await (const chunk of streamChunks(model, messages, attempt.controller.signal)) {
            attempt.touch();
            const hasPayload =
              (typeof chunk.content === 'string'
                ? chunk.content.length > 0
                : chunk.content.length > 0) || (chunk.tool_call_chunks?.length ?? 0) > 0;
            if (chunk.usage_metadata) usage = addUsage(usage, usageOf(chunk));
            if (chunk.response_metadata?.finish_reason != null) finished = true;
            // Empty leading chunks (the role delta) are not tokens: holding them back keeps a
            // retry invisible to the consumer.
            if (!started && !hasPayload && !chunk.usage_metadata) continue;
            started = true;
            yield chunk instanceof AIMessageChunk ? chunk : new AIMessageChunk(chunk);
          }
          attempt.complete();
          // OpenAI-compatible servers end every complete answer with a finish_reason; a stream
          // that stops without one was cut short (a proxy or server dropped it cleanly).
          if (!finished && parseModelSpec(spec, hasBaseUrl).provider === 'openai') {
            throw new IncompleteStreamError();
          }
          report({ role, model: spec, usage, attempts });
          return;
        } catch (err) {
          if (isAbortFromCaller(outer)) throw outer?.reason ?? err;
          const error = attempt.timedOut ? new ModelTimeoutError(timeoutMs) : err;
          // Never retry once tokens went out: the consumer would see them twice.
          if (started) throw error;
          lastError = error;
          if (!isRetriable(error) || retry === maxRetries) break;
          await sleep(backoff(retry, err), outer);
        } finally {
          attempt.end();
        }
      }
    }
    throw lastError;
  }

  let embeddingsModel: Promise<EmbeddingsInterface | null> | undefined;
  function embeddings(): Promise<EmbeddingsInterface | null> {
    const spec = settings.embeddingModel;
    embeddingsModel ??= spec ? createEmbeddings(settings, spec) : Promise.resolve(null);
    return embeddingsModel;
  }

  return {
    isConfigured: Boolean(settings.chatModel),
    hasEmbeddings: Boolean(settings.embeddingModel),
    dailyTokenCap: settings.dailyTokenCap || undefined,
    candidates,
    buildChatModel,
    run,
    invoke,
    stream,
    embeddings,
    assertWithinDailyCap(usedToday: number) {
      const cap = settings.dailyTokenCap;
      if (cap && usedToday >= cap) throw new DailyTokenCapError(cap, usedToday);
    },
    reportUsage: report,
  };
}
