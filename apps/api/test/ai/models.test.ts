import { HumanMessage } from '@langchain/core/messages';
import { tool } from '@langchain/core/tools';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  type AiSettings,
  createModelGateway,
  DailyTokenCapError,
  ModelNotConfiguredError,
  parseModelSpec,
  type UsageEvent,
} from '../../src/ai/models.ts';
import { streamReply } from '../../src/ai/streaming.ts';
import { type FakeLlmServer, startFakeLlm } from '../support/fake-llm.ts';

let llm: FakeLlmServer;
beforeAll(async () => {
  llm = await startFakeLlm();
});
afterAll(async () => {
  await llm.close();
});
beforeEach(() => {
  llm.reset();
  llm.setDefault({ content: 'Hello from the fake model.' });
});

const settings = (over: Partial<AiSettings> = {}): AiSettings => ({
  chatModel: 'openai:fake-chat',
  analysisModel: 'openai:fake-analysis',
  baseUrl: llm.baseUrl,
  apiKey: 'test-key',
  timeoutMs: 2000,
  retryBaseDelayMs: 5,
  ...over,
});
const hi = [new HumanMessage('Hi there')];

/** Poll until `cond` holds: the server sees a closed connection a moment after the client. */
async function waitFor(cond: () => boolean, ms = 3000): Promise<void> {
  const until = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((res) => setTimeout(res, 10));
  }
}

describe('settings', () => {
  it('reads provider:model on the first colon only', () => {
    expect(parseModelSpec('ollama:llama3.2:3b')).toEqual({
      provider: 'ollama',
      model: 'llama3.2:3b',
    });
    expect(parseModelSpec('gpt-4o', true)).toEqual({ provider: 'openai', model: 'gpt-4o' });
    expect(() => parseModelSpec('gpt-4o')).toThrow(/provider:model/);
  });

  it('is not configured without CHAT_MODEL, and builds every provider', async () => {
    const none = createModelGateway({});
    expect(none.isConfigured).toBe(false);
    expect(await none.embeddings()).toBeNull();
    return expect(none.invoke('chat', hi)).rejects.toBeInstanceOf(ModelNotConfiguredError);
  });

  it('builds models for all providers with the role temperature', async () => {
    const g = createModelGateway({
      chatModel: 'anthropic:claude-x',
      anthropicApiKey: 'k',
      googleApiKey: 'k',
      openaiApiKey: 'k',
    });
    for (const spec of ['openai:gpt-x', 'anthropic:claude-x', 'google:gemini-x', 'ollama:llama3']) {
      const chat = (await g.buildChatModel(spec, 'chat')) as unknown as { temperature: number };
      const analysis = (await g.buildChatModel(spec, 'analysis')) as unknown as {
        temperature: number;
      };
      expect(chat.temperature).toBe(0.7);
      expect(analysis.temperature).toBe(0.2);
    }
  });

  it('enforces the daily token cap', () => {
    const g = createModelGateway(settings({ dailyTokenCap: 100 }));
    expect(() => g.assertWithinDailyCap(99)).not.toThrow();
    expect(() => g.assertWithinDailyCap(100)).toThrow(DailyTokenCapError);
  });
});

describe('gateway calls', () => {
  it('completes and reports usage', async () => {
    const events: UsageEvent[] = [];
    const g = createModelGateway(settings(), { onUsage: (e) => events.push(e) });
    llm.enqueue({ content: 'Plain answer.', usage: { promptTokens: 11, completionTokens: 3 } });
    const r = await g.invoke('chat', hi);
    expect(r.message.content).toBe('Plain answer.');
    expect(r.usage).toEqual({ inputTokens: 11, outputTokens: 3, totalTokens: 14 });
    expect(events).toEqual([
      expect.objectContaining({ role: 'chat', model: 'openai:fake-chat', attempts: 1 }),
    ]);
    const sent = llm.chatRequests()[0]!;
    expect(sent.model).toBe('fake-chat');
    expect(sent.body.temperature).toBe(0.7);
  });

  it('passes tool calls through', async () => {
    const g = createModelGateway(settings());
    const lookup = tool(async () => 'x', {
      name: 'lookup',
      description: 'look something up',
      schema: z.object({ q: z.string() }),
    });
    llm.enqueue({ toolCalls: [{ name: 'lookup', args: { q: 'bakeries' } }] });
    const { value } = await g.run('analysis', (m, { signal }) => {
      if (!m.bindTools) throw new Error('no tools');
      return m.bindTools([lookup]).invoke(hi, { signal });
    });
    expect(value.tool_calls?.[0]).toMatchObject({ name: 'lookup', args: { q: 'bakeries' } });
    expect(llm.chatRequests()[0]!.tools[0]!.function.name).toBe('lookup');
    expect(llm.chatRequests()[0]!.body.temperature).toBe(0.2);
  });

  it('retries a 429 and then succeeds', async () => {
    const g = createModelGateway(settings());
    llm.enqueue({ status: 429, retryAfter: 0 }, { content: 'after retry' });
    const r = await g.invoke('chat', hi);
    expect(r.message.content).toBe('after retry');
    expect(llm.chatRequests()).toHaveLength(2);
  });

  it('falls back to the next model when the primary keeps failing with 500', async () => {
    const events: UsageEvent[] = [];
    const g = createModelGateway(
      settings({ fallbackModels: ['openai:fake-backup'], maxRetries: 1 }),
      { onUsage: (e) => events.push(e) },
    );
    llm.setDefault((req) =>
      req.model === 'fake-chat' ? { status: 500 } : { content: `served by ${req.model}` },
    );
    const r = await g.invoke('chat', hi);
    expect(r.message.content).toBe('served by fake-backup');
    expect(r.model).toBe('openai:fake-backup');
    expect(llm.chatRequests().map((q) => q.model)).toEqual([
      'fake-chat',
      'fake-chat',
      'fake-backup',
    ]);
    expect(events[0]?.attempts).toBe(3);
  });

  it('skips a model that cannot be built (no key) and uses the next', async () => {
    const saved = process.env.ANTHROPIC_API_KEY;
    delete process.env.ANTHROPIC_API_KEY;
    try {
      const g = createModelGateway(
        settings({ chatModel: 'anthropic:claude-x', fallbackModels: ['openai:fake-backup'] }),
      );
      const r = await g.invoke('chat', hi);
      expect(r.model).toBe('openai:fake-backup');
    } finally {
      if (saved !== undefined) process.env.ANTHROPIC_API_KEY = saved;
    }
  });

  it('does not retry a 400', async () => {
    const g = createModelGateway(settings());
    llm.enqueue({ status: 400, message: 'bad request' });
    await expect(g.invoke('chat', hi)).rejects.toThrow(/400/);
    expect(llm.chatRequests()).toHaveLength(1);
  });

  it('times out a slow first token, retries, and fails over', async () => {
    const g = createModelGateway(
      settings({ timeoutMs: 400, maxRetries: 0, fallbackModels: ['openai:fake-fast'] }),
    );
    llm.setDefault((req) =>
      req.model === 'fake-chat'
        ? { content: 'too late', firstTokenDelayMs: 4000 }
        : { content: 'fast answer' },
    );
    const started = Date.now();
    const r = await streamReply(g, hi);
    expect(r.content).toBe('fast answer');
    expect(r.interrupted).toBe(false);
    expect(Date.now() - started).toBeLessThan(3000);
    await waitFor(() => llm.requests[0]?.aborted === true);
  });
});

describe('streamReply', () => {
  it('streams tokens in order with usage', async () => {
    const g = createModelGateway(settings());
    llm.enqueue({
      content: 'One two three four.',
      usage: { promptTokens: 7, completionTokens: 4 },
    });
    const tokens: string[] = [];
    const r = await streamReply(g, hi, { onToken: (t) => tokens.push(t) });
    expect(tokens.join('')).toBe('One two three four.');
    expect(tokens.length).toBeGreaterThanOrEqual(4);
    expect(r).toMatchObject({ content: 'One two three four.', tokensUsed: 11, interrupted: false });
    expect(r.usageEstimated).toBe(false);
    expect(llm.chatRequests()[0]!.body.stream_options).toEqual({ include_usage: true });
  });

  it('retries a 429 before the first token without duplicating anything', async () => {
    const g = createModelGateway(settings());
    llm.enqueue({ status: 429, retryAfter: 0 }, { status: 503 }, { content: 'Hello again.' });
    const tokens: string[] = [];
    const r = await streamReply(g, hi, { onToken: (t) => tokens.push(t) });
    expect(tokens.join('')).toBe('Hello again.');
    expect(r.interrupted).toBe(false);
    expect(llm.chatRequests()).toHaveLength(3);
  });

  it('returns what arrived, marked interrupted, when the model fails mid-stream (no retry)', async () => {
    const g = createModelGateway(settings({ fallbackModels: ['openai:fake-backup'] }));
    llm.enqueue({ content: 'alpha beta gamma delta epsilon', failAfterTokens: 2 });
    const r = await streamReply(g, hi);
    expect(r.interrupted).toBe(true);
    expect(r.content).toBe('alpha beta ');
    expect(r.error).toBeInstanceOf(Error);
    expect(r.usageEstimated).toBe(true);
    expect(r.tokensUsed).toBeGreaterThan(0);
    expect(llm.chatRequests()).toHaveLength(1);
  });

  it('marks a stream that ends cleanly but early as interrupted', async () => {
    const g = createModelGateway(settings());
    llm.enqueue({ content: 'one two three four five', endAfterTokens: 3 });
    const r = await streamReply(g, hi);
    expect(r).toMatchObject({ content: 'one two three ', interrupted: true });
    expect(r.error?.name).toBe('IncompleteStreamError');
    expect(llm.chatRequests()).toHaveLength(1);
  });

  it('stops the upstream request when the signal aborts mid-stream', async () => {
    const g = createModelGateway(settings());
    llm.enqueue({ content: 'a b c d e f g h i j k l m n o p', tokenDelayMs: 30 });
    const controller = new AbortController();
    const tokens: string[] = [];
    const r = await streamReply(g, hi, {
      signal: controller.signal,
      onToken: (t) => {
        tokens.push(t);
        if (tokens.length === 3) controller.abort();
      },
    });
    expect(r.interrupted).toBe(true);
    expect(r.error).toBeUndefined();
    expect(r.content).toBe('a b c ');
    await waitFor(() => llm.requests[0]?.aborted === true);
    expect(llm.requests[0]?.completed).toBe(false);
  });

  it('closes the upstream request when the consumer stops reading', async () => {
    const g = createModelGateway(settings());
    llm.enqueue({ content: 'a b c d e f g h', tokenDelayMs: 30 });
    for await (const chunk of g.stream('chat', hi)) {
      expect(chunk.content).toBe('a ');
      break;
    }
    await waitFor(() => llm.requests[0]?.aborted === true);
    expect(llm.requests[0]).toMatchObject({ aborted: true, completed: false });
  });

  it('streams from the fallback when the primary answers 500', async () => {
    const g = createModelGateway(
      settings({ maxRetries: 0, fallbackModels: ['openai:fake-backup'] }),
    );
    llm.setDefault((req) =>
      req.model === 'fake-chat' ? { status: 500 } : { content: 'backup here' },
    );
    const r = await streamReply(g, hi);
    expect(r).toMatchObject({ content: 'backup here', interrupted: false });
    expect(llm.chatRequests().map((q) => q.model)).toEqual(['fake-chat', 'fake-backup']);
  });

  it('reports a failure before any token as interrupted with the error', async () => {
    const g = createModelGateway(settings({ maxRetries: 0 }));
    llm.enqueue({ status: 500 });
    const r = await streamReply(g, hi);
    expect(r).toMatchObject({ content: '', interrupted: true });
    expect(r.error?.message).toMatch(/500/);
  });
});
