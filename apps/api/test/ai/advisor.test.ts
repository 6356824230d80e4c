import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdvisorInput, advisorReply } from '../../src/ai/advisor.ts';
import { createModelGateway } from '../../src/ai/models.ts';
import { type FakeLlmServer, startFakeLlm } from '../support/fake-llm.ts';

let llm: FakeLlmServer;
beforeAll(async () => {
  llm = await startFakeLlm({ defaultReply: { content: 'Model answer here.' } });
});
afterAll(() => llm.close());

const input: AdvisorInput = {
  ring: 'core',
  profile: null,
  history: [],
  userMessage: "We're Rise, we bake bread for cafés",
};

describe('advisorReply', () => {
  it('answers with the guided advisor when no model is configured, streamed in pieces', async () => {
    const tokens: string[] = [];
    const r = await advisorReply(createModelGateway({}), input, { onToken: (t) => tokens.push(t) });
    expect(r.mode).toBe('guided');
    expect(r.content).toContain('No AI model is configured');
    expect(tokens.join('')).toBe(r.content);
    expect(r.profilePatch).toMatchObject({ name: 'Rise', offering: 'bread', audience: 'cafés' });
    expect(r.guidedState?.pending).toBe('differentiators');
    expect(r).toMatchObject({ tokensUsed: 0, interrupted: false, profileComplete: false });
  });

  it('stops a guided reply when the signal aborts', async () => {
    const controller = new AbortController();
    const r = await advisorReply(createModelGateway({}), input, {
      signal: controller.signal,
      onToken: () => controller.abort(),
    });
    expect(r.interrupted).toBe(true);
    expect(r.content.split(' ')).toHaveLength(2);
  });

  it('uses the conversation chain when a model is configured', async () => {
    const gateway = createModelGateway({ chatModel: 'openai:fake-chat', baseUrl: llm.baseUrl });
    const r = await advisorReply(gateway, input);
    expect(r).toMatchObject({ mode: 'model', content: 'Model answer here.', interrupted: false });
    expect(r.tokensUsed).toBeGreaterThan(0);
  });
});
