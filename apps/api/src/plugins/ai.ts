import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import {
  type AiSettings,
  createModelGateway,
  createRetriever,
  executorFrom,
  type ModelGateway,
  pgvectorDdl,
  type Retriever,
  type SqlExecutor,
} from '../ai/index.ts';
import { hasPgvector } from '../ai/retrieval/index.ts';
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
 * External layer: the model gateway, built once, and the retriever. The pgvector table is created
 * here rather than in a migration because its dimension depends on EMBEDDING_MODEL and the
 * Postgres server here has no pgvector; the full-text table is in migration 0003 everywhere.
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
    const embeddings = await gateway.embeddings();
    let vector = false;
    if (embeddings && (await hasPgvector(exec))) {
      try {
        const probe = await embeddings.embedQuery('dimension probe');
        for (const statement of pgvectorDdl(probe.length).split(';\n')) {
          if (statement.trim()) await exec(statement, []);
        }
        vector = true;
      } catch (err) {
        // Retrieval still works through full-text search; say why vectors are off.
        app.log.warn({ err }, 'pgvector unavailable; retrieval uses full-text search');
      }
    }
    const retriever = await createRetriever({ exec, embeddings, vector });
    app.decorate('ai', { gateway, retriever });
  },
  { name: 'ai', dependencies: ['db', 'metrics'] },
);
