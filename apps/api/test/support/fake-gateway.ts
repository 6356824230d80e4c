import { afterAll, beforeAll, beforeEach } from 'vitest';
import { createModelGateway, type ModelGateway } from '../../src/ai/models.ts';
import { type FakeLlmServer, startFakeLlm } from './fake-llm.ts';

/**
 * A fake model server for the file and a gateway on it (chat `fake-chat`, analysis
 * `fake-analysis`), reset before each test. Read `llm` and `gateway` inside tests.
 */
export function useFakeGateway(): { llm: FakeLlmServer; gateway: ModelGateway } {
  const ctx = {} as { llm: FakeLlmServer; gateway: ModelGateway };
  beforeAll(async () => {
    ctx.llm = await startFakeLlm();
    ctx.gateway = createModelGateway({
      chatModel: 'openai:fake-chat',
      analysisModel: 'openai:fake-analysis',
      baseUrl: ctx.llm.baseUrl,
      timeoutMs: 3000,
      retryBaseDelayMs: 5,
    });
  });
  afterAll(() => ctx.llm.close());
  beforeEach(() => ctx.llm.reset());
  return ctx;
}
