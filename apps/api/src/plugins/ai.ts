import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import {
  type AiSettings,
  createModelGateway,
  createRetriever,
  embeddingDimensionsFor,
  executorFrom,
  type ModelGateway,
  type Retriever,
  type SqlExecutor,
} from '../ai/index.ts';
import type { Config } from '../config.ts';
import { meterGateway, recordUsage } from './metered.ts';

export interface AiCore {
  gateway: ModelGateway;
  retriever: Retriever;
}

declare module 'fastify' {
  interface FastifyInstance {
    ai: AiCore;
  }
}

/** The one place Config becomes AiSettings (the AI core never reads the environment itself). */
export function aiSettingsFromConfig(config: Config): AiSettings {
  return {
    chatModel: config.CHAT_MODEL,
    analysisModel: config.ANALYSIS_MODEL,
    embeddingModel: config.EMBEDDING_MODEL,
    embeddingDimensions: config.EMBEDDING_DIMENSIONS,
    baseUrl: config.LLM_BASE_URL,
    apiKey: config.LLM_API_KEY,
    openaiApiKey: config.OPENAI_API_KEY,
    anthropicApiKey: config.ANTHROPIC_API_KEY,
    googleApiKey: config.GOOGLE_API_KEY,
    ollamaBaseUrl: config.OLLAMA_BASE_URL,
    fallbackModels: config.LLM_FALLBACK_MODELS,
    timeoutMs: config.LLM_TIMEOUT_MS,
    dailyTokenCap: config.DAILY_TOKEN_CAP || undefined,
    maxRetries: config.LLM_MAX_RETRIES,
    retryBaseDelayMs: config.LLM_RETRY_BASE_MS,
  };
}

/**
 * The raw driver under Drizzle (pg.Pool or PGlite): both answer `query(sql, params) -> { rows }`,
 * which is what the retrieval code speaks.
 */
function rawExecutor(app: FastifyInstance): SqlExecutor {
  // Drizzle's generic PgDatabase type does not expose $client; both drivers set it.
  const client = (app.db as unknown as { $client: Parameters<typeof executorFrom>[0] }).$client;
  return executorFrom(client);
}

/**
 * External layer: the model gateway, built once, and the retriever. The pgvector table comes from
 * migration 0008 where the extension is available (PGlite); elsewhere, or when the model's vectors
 * are refused (wrong length, all zeros), retrieval uses the full-text table of migration 0003.
 */
export default fp(
  async (app: FastifyInstance, { config }: { config: Config }) => {
    const gateway = meterGateway(
      createModelGateway(aiSettingsFromConfig(config), {
        onUsage: (e) => {
          recordUsage(app.appMetrics, e);
          app.log.debug({ model: e.model, usage: e.usage }, 'model usage');
        },
      }),
      app.appMetrics,
    );
    const exec = rawExecutor(app);
    const model = config.EMBEDDING_MODEL;
    const dimensions = model
      ? embeddingDimensionsFor(
          model,
          config.EMBEDDING_DIMENSIONS,
          config.LLM_BASE_URL !== undefined,
        )
      : undefined;
    const retriever = await createRetriever({
      exec,
      embeddings: await gateway.embeddings(),
      space: model && dimensions ? { model, dimensions } : undefined,
      onRefused: (err) =>
        app.log.error({ err }, 'embeddings refused; retrieval uses full-text search'),
    });
    app.decorate('ai', { gateway, retriever });
  },
  { name: 'ai', dependencies: ['db', 'metrics'] },
);
