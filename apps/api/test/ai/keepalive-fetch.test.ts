import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keepAliveFetch } from '../../src/ai/models/keepalive-fetch.ts';
import { type FakeLlmServer, startFakeLlm } from '../support/fake-llm.ts';

// The OpenAI SDK's fetch (keepalive-fetch.ts) against the fake OpenAI-compatible server, side by
// side with the global fetch: what the SDK reads must come out the same, streaming and errors
// included.
const fetches = { 'global fetch': fetch, keepAliveFetch } as const;

const collect = async (body: unknown): Promise<string> => {
  let text = '';
  const decoder = new TextDecoder();
  for await (const chunk of body as AsyncIterable<Uint8Array>) text += decoder.decode(chunk);
  return text;
};

describe('keepAliveFetch', () => {
  let llm: FakeLlmServer;
  let other: Server;
  let otherUrl = '';
  beforeAll(async () => {
    llm = await startFakeLlm({ defaultReply: { content: 'Hello there, baker.' } });
    other = createServer((req, res) => {
      if (req.url === '/never') {
        return; // no answer: the client gives up
      }
      if (req.url === '/gzip') {
        res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
        res.end(gzipSync(JSON.stringify({ zipped: true })));
      } else if (req.url === '/no-content') {
        res.writeHead(204).end();
      } else {
        let body = '';
        req.on('data', (c) => {
          body += c;
        });
        req.on('end', () => {
          res.writeHead(201, {
            'content-type': 'application/json',
            'x-echo': req.method ?? '',
            'x-port': String(req.socket.remotePort),
          });
          res.end(JSON.stringify({ body, type: req.headers['content-type'] ?? null }));
        });
      }
    });
    other.listen(0, '127.0.0.1');
    await once(other, 'listening');
    otherUrl = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await llm.close();
    other.closeAllConnections();
    await new Promise((r) => other.close(r));
  });

  for (const [name, f] of Object.entries(fetches)) {
    describe(name, () => {
      const client = () =>
        new OpenAI({ apiKey: 'test', baseURL: llm.baseUrl, fetch: f, maxRetries: 0 });

      it('streams a chat completion through the SDK', async () => {
        const stream = await client().chat.completions.create({
          model: 'fake-chat',
          messages: [{ role: 'user', content: 'hi' }],
          stream: true,
        });
        let text = '';
        for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? '';
        expect(text).toBe('Hello there, baker.');
      });

      it('answers a whole completion through the SDK', async () => {
        const done = await client().chat.completions.create({
          model: 'fake-chat',
          messages: [{ role: 'user', content: 'hi' }],
        });
        expect(done.choices[0]?.message.content).toBe('Hello there, baker.');
      });

      it('gives the SDK the server error (status, message, headers)', async () => {
        llm.enqueue({ status: 429, message: 'slow down', retryAfter: 7 });
        const err = await client()
          .chat.completions.create({
            model: 'fake-chat',
            messages: [{ role: 'user', content: 'x' }],
          })
          .catch((e: unknown) => e);
        expect(err).toBeInstanceOf(OpenAI.RateLimitError);
        expect((err as InstanceType<typeof OpenAI.APIError>).status).toBe(429);
        expect((err as InstanceType<typeof OpenAI.APIError>).headers?.get('retry-after')).toBe('7');
        expect(String((err as Error).message)).toContain('slow down');
      });

      it('a refused connection is a connection error', async () => {
        const err = await new OpenAI({
          apiKey: 'test',
          baseURL: 'http://127.0.0.1:1/v1',
          fetch: f,
          maxRetries: 0,
        }).chat.completions
          .create({ model: 'fake-chat', messages: [{ role: 'user', content: 'x' }] })
          .catch((e: unknown) => e);
        expect(err).toBeInstanceOf(OpenAI.APIConnectionError);
      });

      it('an abort mid-stream ends the stream early (the SDK ends it quietly) and the request', async () => {
        llm.enqueue({ content: 'one two three four five six seven eight', tokenDelayMs: 30 });
        const controller = new AbortController();
        const stream = await client().chat.completions.create(
          { model: 'fake-chat', messages: [{ role: 'user', content: 'x' }], stream: true },
          { signal: controller.signal },
        );
        let text = '';
        for await (const chunk of stream) {
          text += chunk.choices[0]?.delta?.content ?? '';
          if (text.length > 0) controller.abort();
        }
        expect(text.length).toBeGreaterThan(0);
        expect(text).not.toBe('one two three four five six seven eight');
        await llm.settled();
        expect(llm.requests.at(-1)?.completed).toBe(false);
      });

      it('an abort before the answer rejects with an AbortError', async () => {
        const controller = new AbortController();
        const pending = f(`${otherUrl}/never`, {
          method: 'POST',
          body: '{}',
          signal: controller.signal,
        });
        setTimeout(() => controller.abort(), 20);
        await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
      });

      it('sends the method, headers and body; reads status, headers, gzip and 204', async () => {
        const res = await f(`${otherUrl}/echo`, {
          method: 'post',
          headers: { 'content-type': 'application/json' },
          body: '{"é":1}',
        });
        expect(res.status).toBe(201);
        expect(res.ok).toBe(true);
        expect(res.headers.get('x-echo')).toBe('POST');
        expect(await res.json()).toEqual({ body: '{"é":1}', type: 'application/json' });
        const zipped = await f(`${otherUrl}/gzip`);
        expect(await zipped.json()).toEqual({ zipped: true });
        const empty = await f(`${otherUrl}/no-content`);
        expect(empty.status).toBe(204);
        expect(empty.body).toBeNull();
        const streamed = await f(`${otherUrl}/echo`, { method: 'POST', body: 'abc' });
        expect(await collect(streamed.body)).toContain('"body":"abc"');
      });
    });
  }

  it('keeps its connections open between calls', async () => {
    const ports = new Set<string | null>();
    for (let i = 0; i < 5; i++) {
      const res = await keepAliveFetch(`${otherUrl}/echo`);
      await res.text();
      ports.add(res.headers.get('x-port'));
    }
    expect(ports.size).toBe(1);
  });
});
