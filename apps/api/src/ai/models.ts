/**
 * The model gateway: the one place that reads model settings and builds LangChain models.
 *
 * Everything else asks the gateway for a call (`invoke`, `stream`, `run`) and gets retries on
 * 429/5xx/timeouts before the first token, an ordered fallback list and per-call token usage.
 */
import { ChatAnthropic } from '@langchain/anthropic';
import type { EmbeddingsInterface } from '@langchain/core/embeddings';
import { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { type AIMessage, AIMessageChunk, type BaseMessage } from '@langchain/core/messages';
import { ChatGoogleGenerativeAI, GoogleGenerativeAIEmbeddings } from '@langchain/google-genai';
import { ChatOllama, OllamaEmbeddings } from '@langchain/ollama';
import { ChatOpenAI, OpenAIEmbeddings } from '@langchain/openai';

export const PROVIDERS = ['openai', 'anthropic', 'google', 'ollama'] as const;
export type Provider = (typeof PROVIDERS)[number];
export type ModelRole = 'chat' | 'analysis';

/** Model settings, one field per environment variable (see `aiSettingsFromEnv`). */
export interface AiSettings {
  /** CHAT_MODEL, `provider:model`. Unset means no model: the guided advisor answers. */
  chatModel?: string | undefined;
  /** ANALYSIS_MODEL; defaults to the chat model. */
  analysisModel?: string | undefined;
  /** EMBEDDING_MODEL; unset means retrieval falls back to full-text search. */
  embeddingModel?: string | undefined;
  /** LLM_BASE_URL: an OpenAI-compatible server (LiteLLM proxy, vLLM, Ollama's /v1). */
  baseUrl?: string | undefined;
  /** LLM_API_KEY for that server. */
  apiKey?: string | undefined;
  /** OPENAI_API_KEY, ANTHROPIC_API_KEY, GOOGLE_API_KEY, OLLAMA_BASE_URL. */
  openaiApiKey?: string | undefined;
  anthropicApiKey?: string | undefined;
  googleApiKey?: string | undefined;
  ollamaBaseUrl?: string | undefined;
  /** LLM_FALLBACK_MODELS, comma separated, tried in order after the primary. */
  fallbackModels?: string[] | undefined;
  /** LLM_TIMEOUT_MS: wait for the first token and between tokens; whole call when not streaming. */
  timeoutMs?: number | undefined;
  /** DAILY_TOKEN_CAP per user; unset or 0 means no cap. */
  dailyTokenCap?: number | undefined;
  /** LLM_MAX_RETRIES per model on 429/5xx/timeouts, before any token arrived. Default 2. */
  maxRetries?: number | undefined;
  /** Base of the exponential backoff, ms. Default 500. */
  retryBaseDelayMs?: number | undefined;
  /** Upper bound for one backoff wait, including a server's retry-after. Default 10 s. */
  maxRetryDelayMs?: number | undefined;
  /** Max output tokens per call. */
  maxTokens?: number | undefined;
}

export const CHAT_TEMPERATURE = 0.7;
export const ANALYSIS_TEMPERATURE = 0.2;
const DEFAULT_TIMEOUT_MS = 60_000;

type Env = Record<string, string | undefined>;

function intOrUndefined(value: string | undefined, name: string): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer`);
  return n;
}

/** Map environment variables to settings; throws with the variable's name when one is invalid. */
export function aiSettingsFromEnv(env: Env): AiSettings {
  const blank = (v: string | undefined) => (v?.trim() ? v.trim() : undefined);
  const settings: AiSettings = {
    chatModel: blank(env.CHAT_MODEL),
    analysisModel: blank(env.ANALYSIS_MODEL),
    embeddingModel: blank(env.EMBEDDING_MODEL),
    baseUrl: blank(env.LLM_BASE_URL),
    apiKey: blank(env.LLM_API_KEY),
    openaiApiKey: blank(env.OPENAI_API_KEY),
    anthropicApiKey: blank(env.ANTHROPIC_API_KEY),
    googleApiKey: blank(env.GOOGLE_API_KEY) ?? blank(env.GEMINI_API_KEY),
    ollamaBaseUrl: blank(env.OLLAMA_BASE_URL),
    fallbackModels: (env.LLM_FALLBACK_MODELS ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    timeoutMs: intOrUndefined(env.LLM_TIMEOUT_MS, 'LLM_TIMEOUT_MS'),
    dailyTokenCap: intOrUndefined(env.DAILY_TOKEN_CAP, 'DAILY_TOKEN_CAP'),
    maxRetries: intOrUndefined(env.LLM_MAX_RETRIES, 'LLM_MAX_RETRIES'),
  };
  const hasBaseUrl = settings.baseUrl !== undefined;
  // Fail at start, naming the variable, rather than on the first chat message.
  const needKey: Record<Provider, [string, string | undefined] | null> = {
    openai: hasBaseUrl ? null : ['OPENAI_API_KEY', settings.openaiApiKey],
    anthropic: ['ANTHROPIC_API_KEY', settings.anthropicApiKey],
    google: ['GOOGLE_API_KEY', settings.googleApiKey],
    ollama: null,
  };
  for (const [name, spec] of [
    ['CHAT_MODEL', settings.chatModel],
    ['ANALYSIS_MODEL', settings.analysisModel],
    ['EMBEDDING_MODEL', settings.embeddingModel],
    ...(settings.fallbackModels ?? []).map((m) => ['LLM_FALLBACK_MODELS', m] as const),
  ] as const) {
    if (!spec) continue;
    let provider: Provider;
    try {
      provider = parseModelSpec(spec, hasBaseUrl).provider;
    } catch (err) {
      throw new Error(`${name}: ${(err as Error).message}`);
    }
    const key = needKey[provider];
    if (key && !key[1])
      throw new Error(`${name} uses ${provider}: set ${key[0]} (or LLM_BASE_URL)`);
    if (name === 'EMBEDDING_MODEL' && provider === 'anthropic') {
      throw new Error('EMBEDDING_MODEL: anthropic offers no embeddings model');
    }
  }
  if ((settings.analysisModel || settings.embeddingModel) && !settings.chatModel) {
    throw new Error('CHAT_MODEL must be set when ANALYSIS_MODEL or EMBEDDING_MODEL is');
  }
  return settings;
}

export interface ModelSpec {
  provider: Provider;
  model: string;
}

/**
 * Parse `provider:model`. A bare name is allowed only with LLM_BASE_URL (it goes to that server).
 * Only the first colon separates, so `openai:anthropic/claude` or `ollama:llama3.2:3b` work.
 */
export function parseModelSpec(spec: string, hasBaseUrl = false): ModelSpec {
  const i = spec.indexOf(':');
  const prefix = i > 0 ? spec.slice(0, i) : '';
  if ((PROVIDERS as readonly string[]).includes(prefix)) {
    const model = spec.slice(i + 1);
    if (!model) throw new Error(`model name missing in "${spec}"`);
    return { provider: prefix as Provider, model };
  }
  if (hasBaseUrl) return { provider: 'openai', model: spec };
  throw new Error(
    `"${spec}" must look like provider:model with provider one of ${PROVIDERS.join(', ')}`,
  );
}

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

export interface GatewayOptions {
  onUsage?: (event: UsageEvent) => void;
  /** Injected for tests: how to wait between retries. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export interface CallOptions {
  signal?: AbortSignal | undefined;
}

/** The daily token cap is reached; the API answers 429 with this code. */
export class DailyTokenCapError extends Error {
  readonly code = 'daily_token_cap_reached';
  readonly statusCode = 429;
  constructor(
    readonly cap: number,
    readonly used: number,
  ) {
    super(`Daily token cap of ${cap} reached (${used} used today)`);
    this.name = 'DailyTokenCapError';
  }
}

/** No model is configured for this role; the caller should use the guided advisor. */
export class ModelNotConfiguredError extends Error {
  readonly code = 'model_not_configured';
  constructor(role: string) {
    super(`No ${role} model is configured`);
    this.name = 'ModelNotConfiguredError';
  }
}

/** The stream ended without the model saying it had finished. */
export class IncompleteStreamError extends Error {
  readonly code = 'model_stream_incomplete';
  constructor() {
    super('The model stream ended before the answer was complete');
    this.name = 'IncompleteStreamError';
  }
}

/** The per-call timeout elapsed while waiting for the model. */
export class ModelTimeoutError extends Error {
  readonly code = 'model_timeout';
  constructor(ms: number) {
    super(`The model did not answer within ${ms} ms`);
    this.name = 'ModelTimeoutError';
  }
}

export interface ModelGateway {
  /** False when CHAT_MODEL is unset: run the guided advisor instead. */
  readonly isConfigured: boolean;
  readonly hasEmbeddings: boolean;
  readonly dailyTokenCap: number | undefined;
  /** Model specs tried in order for a role: the primary then LLM_FALLBACK_MODELS. */
  candidates(role: ModelRole): string[];
  /** A bare LangChain model for one spec (no retries inside; the gateway retries). */
  buildChatModel(spec: string, role: ModelRole): BaseChatModel;
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
  /** The embeddings model, or null when EMBEDDING_MODEL is unset. */
  embeddings(): EmbeddingsInterface | null;
  /** Throws DailyTokenCapError when `usedToday` has reached the cap. */
  assertWithinDailyCap(usedToday: number): void;
  /** Report usage from a call made outside the gateway helpers (e.g. inside `run`). */
  reportUsage(event: UsageEvent): void;
}

function errorStatus(err: unknown): number | undefined {
  if (err && typeof err === 'object') {
    const e = err as { status?: unknown; response?: { status?: unknown } };
    if (typeof e.status === 'number') return e.status;
    if (typeof e.response?.status === 'number') return e.response.status;
  }
  return undefined;
}

function retryAfterMs(err: unknown): number | undefined {
  const headers = (err as { headers?: unknown } | null)?.headers;
  let get: (name: string) => string | null | undefined;
  if (headers && typeof (headers as Headers).get === 'function') {
    get = (n) => (headers as Headers).get(n);
  } else if (headers && typeof headers === 'object') {
    get = (n) => (headers as Record<string, string | undefined>)[n];
  } else {
    return undefined;
  }
  const ms = get('retry-after-ms');
  if (ms && Number.isFinite(Number(ms))) return Number(ms);
  const s = get('retry-after');
  if (s && Number.isFinite(Number(s))) return Number(s) * 1000;
  return undefined;
}

/** 429, 408, 5xx, timeouts and dropped connections are worth another try. */
export function isRetriable(err: unknown): boolean {
  if (err instanceof ModelTimeoutError || err instanceof IncompleteStreamError) return true;
  const status = errorStatus(err);
  if (status !== undefined) return status === 429 || status === 408 || status >= 500;
  const text = `${(err as Error)?.name ?? ''} ${(err as Error)?.message ?? ''}`;
  return /connection|ECONNRESET|ECONNREFUSED|socket|fetch failed|terminated|TimeoutError/i.test(
    text,
  );
}

const defaultSleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });

/** An AbortController tied to the caller's signal, with a restartable timeout. */
class Attempt {
  readonly controller = new AbortController();
  timedOut = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly unlink: () => void;

  constructor(
    private readonly timeoutMs: number,
    outer: AbortSignal | undefined,
  ) {
    const onAbort = () => this.controller.abort(outer?.reason);
    if (outer?.aborted) onAbort();
    outer?.addEventListener('abort', onAbort, { once: true });
    this.unlink = () => outer?.removeEventListener('abort', onAbort);
    this.touch();
  }

  /** Restart the timeout (called on every chunk, so it bounds the gap between tokens). */
  touch(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timedOut = true;
      this.controller.abort(new ModelTimeoutError(this.timeoutMs));
    }, this.timeoutMs);
  }

  private done = false;

  /** The response was read to the end: nothing left to close. */
  complete(): void {
    this.done = true;
  }

  end(): void {
    clearTimeout(this.timer);
    this.unlink();
    // Closes the upstream call when the consumer stopped early or the call failed. Skipped after
    // a complete answer: creating the abort error costs time on the hot path for nothing.
    if (!this.done) this.controller.abort();
  }
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

  function buildChatModel(spec: string, role: ModelRole): BaseChatModel {
    const key = `${role}|${spec}`;
    const cached = cache.get(key);
    if (cached) return cached;
    const { provider, model } = parseModelSpec(spec, hasBaseUrl);
    const temperature = role === 'chat' ? CHAT_TEMPERATURE : ANALYSIS_TEMPERATURE;
    const maxTokens = settings.maxTokens ?? (role === 'chat' ? 2000 : 4000);
    let built: BaseChatModel;
    switch (provider) {
      case 'openai':
        built = new ChatOpenAI({
          model,
          temperature,
          maxTokens,
          // The OpenAI SDK refuses an empty key; local servers ignore it.
          apiKey: hasBaseUrl
            ? (settings.apiKey ?? settings.openaiApiKey ?? 'not-needed')
            : settings.openaiApiKey,
          configuration: hasBaseUrl ? { baseURL: settings.baseUrl } : {},
          maxRetries: 0,
          streamUsage: true,
        });
        break;
      case 'anthropic':
        built = new ChatAnthropic({
          model,
          temperature,
          maxTokens,
          apiKey: settings.anthropicApiKey,
          maxRetries: 0,
        });
        break;
      case 'google':
        built = new ChatGoogleGenerativeAI({
          model,
          temperature,
          maxOutputTokens: maxTokens,
          apiKey: settings.googleApiKey,
          maxRetries: 0,
        });
        break;
      case 'ollama':
        built = new ChatOllama({
          model,
          temperature,
          numPredict: maxTokens,
          baseUrl: settings.ollamaBaseUrl,
          maxRetries: 0,
        });
        break;
    }
    cache.set(key, built);
    return built;
  }

  const report = (event: UsageEvent) => options.onUsage?.(event);

  function backoff(attempt: number, err: unknown): number {
    const hinted = retryAfterMs(err);
    const exp = baseDelay * 2 ** attempt * (0.8 + Math.random() * 0.4);
    return Math.min(maxDelay, hinted ?? exp);
  }

  /**
   * The role's models in fallback order. One that cannot be built (a missing key) is skipped like
   * one that fails, and reported through `skipped` so it can be the error if nothing works.
   */
  function* usableModels(
    role: ModelRole,
    skipped: (err: unknown) => void,
  ): Generator<{ spec: string; model: BaseChatModel }> {
    const specs = candidates(role);
    if (specs.length === 0) throw new ModelNotConfiguredError(role);
    for (const spec of specs) {
      let model: BaseChatModel;
      try {
        model = buildChatModel(spec, role);
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
    for (const { spec, model } of usableModels(role, (err) => {
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
      (m, { signal }) => m.invoke(messages, { signal }),
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
    for (const { spec, model } of usableModels(role, (err) => {
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

  let embeddingsModel: EmbeddingsInterface | null | undefined;
  function embeddings(): EmbeddingsInterface | null {
    if (embeddingsModel !== undefined) return embeddingsModel;
    const spec = settings.embeddingModel;
    if (!spec) {
      embeddingsModel = null;
      return null;
    }
    const { provider, model } = parseModelSpec(spec, hasBaseUrl);
    switch (provider) {
      case 'openai':
        embeddingsModel = new OpenAIEmbeddings({
          model,
          apiKey: hasBaseUrl
            ? (settings.apiKey ?? settings.openaiApiKey ?? 'not-needed')
            : settings.openaiApiKey,
          configuration: hasBaseUrl ? { baseURL: settings.baseUrl } : {},
        });
        break;
      case 'google':
        embeddingsModel = new GoogleGenerativeAIEmbeddings({
          model,
          apiKey: settings.googleApiKey,
        });
        break;
      case 'ollama':
        embeddingsModel = new OllamaEmbeddings({ model, baseUrl: settings.ollamaBaseUrl });
        break;
      case 'anthropic':
        throw new Error('EMBEDDING_MODEL: anthropic offers no embeddings model');
    }
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
