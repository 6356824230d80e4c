/** Model settings: one field per environment variable, and how a `provider:model` name reads. */

export const PROVIDERS = ['openai', 'anthropic', 'google', 'ollama'] as const;
export type Provider = (typeof PROVIDERS)[number];
export type ModelRole = 'chat' | 'analysis';

/**
 * Model settings, one field per environment variable. `loadConfig` validates them (keys per
 * provider, bare names only with LLM_BASE_URL); `aiSettingsFromConfig` maps them here.
 */
export interface AiSettings {
  /** CHAT_MODEL, `provider:model`. Unset means no model: the guided advisor answers. */
  chatModel?: string | undefined;
  /** ANALYSIS_MODEL; defaults to the chat model. */
  analysisModel?: string | undefined;
  /** EMBEDDING_MODEL; unset means retrieval falls back to full-text search. */
  embeddingModel?: string | undefined;
  /** EMBEDDING_DIMENSIONS; unset means the known default for the model (see embeddingDimensionsFor). */
  embeddingDimensions?: number | undefined;
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

/**
 * Vector sizes of well-known embeddings models, by model name without provider. Any other model
 * needs EMBEDDING_DIMENSIONS: every vector is checked against it before it is stored or searched.
 */
export const KNOWN_EMBEDDING_DIMENSIONS: Readonly<Record<string, number>> = {
  'text-embedding-3-small': 1536,
  'text-embedding-3-large': 3072,
  'text-embedding-ada-002': 1536,
  'text-embedding-004': 768,
  'gemini-embedding-001': 3072,
  'nomic-embed-text': 768,
  'mxbai-embed-large': 1024,
  'all-minilm': 384,
};

/** The dimension EMBEDDING_MODEL's vectors must have: EMBEDDING_DIMENSIONS, else the known one. */
export function embeddingDimensionsFor(
  spec: string,
  explicit: number | undefined,
  hasBaseUrl = false,
): number | undefined {
  if (explicit !== undefined) return explicit;
  const { model } = parseModelSpec(spec, hasBaseUrl);
  // Ollama tags ("nomic-embed-text:latest") name the same model.
  return KNOWN_EMBEDDING_DIMENSIONS[model] ?? KNOWN_EMBEDDING_DIMENSIONS[model.split(':')[0] ?? ''];
}
