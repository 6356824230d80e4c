import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type FakeLlmServer,
  fakeEmbedding,
  fakeTokens,
  startFakeLlm,
} from '../support/fake-llm.ts';

let llm: FakeLlmServer;
beforeAll(async () => {
  llm = await startFakeLlm({ embeddingDimensions: 32 });
});
afterAll(() => llm.close());

const post = (path: string, body: unknown) =>
  fetch(`${llm.baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

const cosine = (a: number[], b: number[]) => a.reduce((s, x, i) => s + x * (b[i] ?? 0), 0);

describe('fake OpenAI-compatible server', () => {
  it('lists models and answers on loopback', async () => {
    expect(llm.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
    const res = await fetch(`${llm.baseUrl}/models`);
    const body = (await res.json()) as { data: Array<{ id: string }> };
    expect(body.data.map((m) => m.id)).toContain('fake-chat');
  });

  it('splits tokens losslessly', () => {
    for (const t of ['Hello world.', '  leading and trailing  ', 'one\ntwo']) {
      expect(fakeTokens(t).join('')).toBe(t);
    }
  });

  it('embeds deterministically, similar texts closer, as floats or base64', async () => {
    const a = fakeEmbedding('sourdough bakery in Leeds', 32);
    expect(fakeEmbedding('sourdough bakery in Leeds', 32)).toEqual(a);
    const near = fakeEmbedding('a sourdough bakery', 32);
    const far = fakeEmbedding('tax advice for plumbers', 32);
    expect(cosine(a, near)).toBeGreaterThan(cosine(a, far));

    const floats = (await (await post('/embeddings', { model: 'e', input: ['x y'] })).json()) as {
      data: Array<{ embedding: number[] }>;
    };
    expect(floats.data[0]?.embedding).toHaveLength(32);
    const b64 = (await (
      await post('/embeddings', { model: 'e', input: 'x y', encoding_format: 'base64' })
    ).json()) as { data: Array<{ embedding: string }> };
    const buf = Buffer.from(b64.data[0]!.embedding, 'base64');
    const decoded = Array.from(new Float32Array(buf.buffer, buf.byteOffset, buf.byteLength / 4));
    expect(decoded[0]).toBeCloseTo(floats.data[0]!.embedding[0]!, 5);
  });

  it('records requests and answers scripted errors with retry-after', async () => {
    llm.reset();
    llm.enqueue({ status: 429, retryAfter: 2 });
    const res = await post('/chat/completions', {
      model: 'm',
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('2');
    expect(llm.chatRequests()[0]?.messages[0]?.content).toBe('hi');
  });
});
