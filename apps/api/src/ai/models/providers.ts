/**
 * One LangChain model per provider, built from the settings: the only code that reads provider
 * keys and addresses. No retries inside (the gateway retries and falls back).
 */
import { ChatAnthropic } from '@langchain/anthropic';
import type { EmbeddingsInterface } from '@langchain/core/embeddings';
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { ChatGoogleGenerativeAI, GoogleGenerativeAIEmbeddings } from '@langchain/google-genai';
import { ChatOllama, OllamaEmbeddings } from '@langchain/ollama';
import { ChatOpenAI, OpenAIEmbeddings } from '@langchain/openai';
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

const openaiConfiguration = (settings: AiSettings) =>
  settings.baseUrl !== undefined ? { baseURL: settings.baseUrl } : {};

/** A bare chat model for `spec` in `role` (temperature and output budget by role). */
export function createChatModel(
  settings: AiSettings,
  spec: string,
  role: ModelRole,
): BaseChatModel {
  const { provider, model } = parseModelSpec(spec, settings.baseUrl !== undefined);
  const temperature = role === 'chat' ? CHAT_TEMPERATURE : ANALYSIS_TEMPERATURE;
  const maxTokens = settings.maxTokens ?? (role === 'chat' ? 2000 : 4000);
  switch (provider) {
    case 'openai':
      return new ChatOpenAI({
        model,
        temperature,
        maxTokens,
        apiKey: openaiKey(settings),
        configuration: openaiConfiguration(settings),
        maxRetries: 0,
        streamUsage: true,
      });
    case 'anthropic':
      return new ChatAnthropic({
        model,
        temperature,
        maxTokens,
        apiKey: settings.anthropicApiKey,
        maxRetries: 0,
      });
    case 'google':
      return new ChatGoogleGenerativeAI({
        model,
        temperature,
        maxOutputTokens: maxTokens,
        apiKey: settings.googleApiKey,
        maxRetries: 0,
      });
    case 'ollama':
      return new ChatOllama({
        model,
        temperature,
        numPredict: maxTokens,
        baseUrl: settings.ollamaBaseUrl,
        maxRetries: 0,
      });
  }
}

/** The embeddings model for EMBEDDING_MODEL's `spec`. */
export function createEmbeddings(settings: AiSettings, spec: string): EmbeddingsInterface {
  const { provider, model } = parseModelSpec(spec, settings.baseUrl !== undefined);
  switch (provider) {
    case 'openai':
      return new OpenAIEmbeddings({
        model,
        apiKey: openaiKey(settings),
        configuration: openaiConfiguration(settings),
        // The SDK otherwise asks for base64 and decodes it itself; a server that ignores the
        // format and sends floats then decodes to junk (a 2-element [0,0]). Floats read the same
        // from every OpenAI-compatible server.
        encodingFormat: 'float',
      });
    case 'google':
      return new GoogleGenerativeAIEmbeddings({ model, apiKey: settings.googleApiKey });
    case 'ollama':
      return new OllamaEmbeddings({ model, baseUrl: settings.ollamaBaseUrl });
    case 'anthropic':
      throw new Error('EMBEDDING_MODEL: anthropic offers no embeddings model');
  }
}
