import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { type AiSettings, createModelGateway, type ModelGateway } from '../ai/index.ts';
import type { Config } from '../config.ts';

export interface AiCore {
  gateway: ModelGateway;
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
  };
}

/** External layer: the model gateway, built once. */
export default fp(
  async (app: FastifyInstance, { config }: { config: Config }) => {
    const gateway = createModelGateway(aiSettingsFromConfig(config), {
      onUsage: (e) => app.log.debug({ model: e.model, usage: e.usage }, 'model usage'),
    });
    app.decorate('ai', { gateway });
  },
  { name: 'ai', dependencies: ['db'] },
);
