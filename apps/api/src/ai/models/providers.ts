/**
 * One LangChain model per provider, built from the settings: the only code that reads provider
 * keys and addresses. No retries inside (the gateway retries and falls back).
 *
 * Each provider package (with its SDK: `openai`, `@anthropic-ai/sdk`, ...) is imported the first
 * time a model of that provider is built, so an API with no model configured never loads them
 * (issue 15: 30-42 MB and 0.3-0.6 s each). `test/runtime.test.ts` checks it.
 */
import type { EmbeddingsInterface } from '@langchain/core/embeddings';
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { keepAliveFetch } from './keepalive-fetch.ts';
import {
  type AiSettings,
  ANALYSIS_TEMPERATURE,
  CHAT_TEMPERATURE,
  type ModelRole,
  parseModelSpec,
} from './settings.ts';

/** The key an OpenAI-compatible client sends: the SDK refuses an empty key; local servers ignore it. */
function openaiKey(settings: AiSettings): string | undefined {
  return settings.baseUrl !== undefined
    ? (settings.apiKey ?? settings.openaiApiKey ?? 'not-needed')
    : settings.openaiApiKey;
}

/** The OpenAI SDK's client options: the address, and keep-alive node:http under it (keepalive-fetch.ts). */
const openaiConfiguration = (settings: AiSettings) => ({
  ...(settings.baseUrl !== undefined ? { baseURL: settings.baseUrl } : {}),
  fetch: keepAliveFetch,
});

/** A bare chat model for `spec` in `role` (temperature and output budget by role). */
export async function createChatModel(
  settings: AiSettings,
  spec: string,
  role: ModelRole,
): Promise<BaseChatModel> {
  const { provider, model } = parseModelSpec(spec, settings.baseUrl !== undefined);
  const temperature = role === 'chat' ? CHAT_TEMPERATURE : ANALYSIS_TEMPERATURE;
  const maxTokens = settings.maxTokens ?? (role === 'chat' ? 2000 : 4000);
  switch (provider) {
    case 'openai': {
      const { ChatOpenAI } = await import('@langchain/openai');
      return new ChatOpenAI({
        model,
        temperature,
        maxTokens,
        apiKey: openaiKey(settings),
        configuration: openaiConfiguration(settings),
        maxRetries: 0,
        streamUsage: true,
      });
    }
    case 'anthropic': {
      const { ChatAnthropic } = await import('@langchain/anthropic');
      return new ChatAnthropic({
        model,
        temperature,
        maxTokens,
        apiKey: settings.anthropicApiKey,
        maxRetries: 0,
      });
    }
    case 'google': {
      const { ChatGoogleGenerativeAI } = await import('@langchain/google-genai');
      return new ChatGoogleGenerativeAI({
        model,
        temperature,
        maxOutputTokens: maxTokens,
        apiKey: settings.googleApiKey,
        maxRetries: 0,
      });
    }
    case 'ollama': {
      const { ChatOllama } = await import('@langchain/ollama');
      return new ChatOllama({
        model,
        temperature,
        numPredict: maxTokens,
        baseUrl: settings.ollamaBaseUrl,
        maxRetries: 0,
      });
    }
  }
}

/** The embeddings model for EMBEDDING_MODEL's `spec`. */
export async function createEmbeddings(
  settings: AiSettings,
  spec: string,
): Promise<EmbeddingsInterface> {
  const { provider, model } = parseModelSpec(spec, settings.baseUrl !== undefined);
  switch (provider) {
    case 'openai': {
      const { OpenAIEmbeddings } = await import('@langchain/openai');
      return new OpenAIEmbeddings({
        model,
        apiKey: openaiKey(settings),
        configuration: openaiConfiguration(settings),
        // The SDK otherwise asks for base64 and decodes it itself; a server that ignores the
        // format and sends floats then decodes to junk (a 2-element [0,0]). Floats read the same
        // from every OpenAI-compatible server.
        encodingFormat: 'float',
      });
    }
    case 'google': {
      const { GoogleGenerativeAIEmbeddings } = await import('@langchain/google-genai');
      return new GoogleGenerativeAIEmbeddings({ model, apiKey: settings.googleApiKey });
    }
    case 'ollama': {
      const { OllamaEmbeddings } = await import('@langchain/ollama');
      return new OllamaEmbeddings({ model, baseUrl: settings.ollamaBaseUrl });
    }
    case 'anthropic':
      throw new Error('EMBEDDING_MODEL: anthropic offers no embeddings model');
  }
}
