/**
 * A fake OpenAI-compatible model server on loopback for tests and benchmarks.
 *
 * It speaks enough of the OpenAI wire protocol for LangChain's ChatOpenAI and OpenAIEmbeddings:
 * chat completions (plain and SSE streaming, tool calls, usage), embeddings and the model list.
 * Replies are scripted per test: a queue of replies consumed in order, then a default reply or
 * a function of the request. Every request is recorded so tests can assert what the model saw.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeToolCall {
  name: string;
  args: Record<string, unknown>;
  id?: string;
}

/** A successful answer: text, tool calls or both. */
export interface FakeTextReply {
  content?: string;
  toolCalls?: FakeToolCall[];
  /** Delay before the first byte of the answer (headers included), in ms. */
  firstTokenDelayMs?: number;
  /** Delay between streamed tokens, in ms. */
  tokenDelayMs?: number;
  /** Streaming only: drop the connection after this many content tokens. */
  failAfterTokens?: number;
  /** Streaming only: end the response cleanly after this many tokens, without finish or [DONE]. */
  endAfterTokens?: number;
  /** Override the usage numbers reported. */
  usage?: { promptTokens: number; completionTokens: number };
}

/** An error answer, e.g. 429 with retry-after or 500. */
export interface FakeErrorReply {
  status: number;
  message?: string;
  /** Seconds, sent as the retry-after header. */
  retryAfter?: number;
}

export type FakeReply = FakeTextReply | FakeErrorReply;

export interface FakeChatMessage {
  role: string;
  content: unknown;
  tool_calls?: Array<{ id: string; function: { name: string; arguments: string } }>;
  tool_call_id?: string;
}

export interface FakeChatRequest {
  model: string;
  messages: FakeChatMessage[];
  stream: boolean;
  tools: Array<{ type: string; function: { name: string; description?: string } }>;
  body: Record<string, unknown>;
}

export type FakeResponder = FakeReply | ((req: FakeChatRequest) => FakeReply);

export interface RecordedRequest {
  path: string;
  body: Record<string, unknown>;
  /** The client went away before the answer was complete. */
  aborted: boolean;
  completed: boolean;
}

export interface FakeLlmServer {
  /** Base URL including `/v1`, as LLM_BASE_URL expects. */
  readonly baseUrl: string;
  readonly port: number;
  readonly requests: RecordedRequest[];
  /** Chat requests only, parsed. */
  chatRequests(): FakeChatRequest[];
  /** Queue replies consumed one per chat request, in order. */
  enqueue(...replies: FakeResponder[]): void;
  /** What to answer once the queue is empty. */
  setDefault(responder: FakeResponder): void;
  reset(): void;
  /** Resolves once every request so far has been answered in full or given up by the client. */
  settled(): Promise<void>;
  readonly embeddingDimensions: number;
  close(): Promise<void>;
}

export interface FakeLlmOptions {
  defaultReply?: FakeResponder;
  embeddingDimensions?: number;
  /**
   * Answer float arrays even when the request asks for `encoding_format: "base64"`, as some
   * OpenAI-compatible servers do. By default the format is honoured the OpenAI way: base64 of the
   * little-endian float32 bytes, or a JSON array of numbers for "float" or no format.
   */
  ignoreEncodingFormat?: boolean;
  models?: string[];
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function isError(reply: FakeReply): reply is FakeErrorReply {
  return 'status' in reply;
}

/** Split text into word-ish tokens that concatenate back to the original. */
export function fakeTokens(text: string): string[] {
  return text.match(/\S+\s*|\s+/g) ?? [];
}

function countPromptTokens(messages: FakeChatMessage[]): number {
  let n = 0;
  for (const m of messages) {
    const text = typeof m.content === 'string' ? m.content : JSON.stringify(m.content ?? '');
    n += fakeTokens(text).length + 3;
  }
  return n;
}

function stem(word: string): string {
  return word.length > 4 && word.endsWith('s') ? word.slice(0, -1) : word;
}

/** Deterministic embedding: hashed bag of words, L2-normalised, so texts sharing words are close. */
export function fakeEmbedding(text: string, dims: number): number[] {
  const v = new Array<number>(dims).fill(0);
  const words = text.toLowerCase().match(/[a-z0-9]+/g) ?? [];
  for (const raw of words) {
    const w = stem(raw);
    let h = 2166136261;
    for (let i = 0; i < w.length; i++) {
      h ^= w.charCodeAt(i);
      h = Math.imul(h, 16777619);
    }
    const idx = (h >>> 0) % dims;
    v[idx] = (v[idx] ?? 0) + 1;
  }
  const norm = Math.sqrt(v.reduce((s, x) => s + x * x, 0)) || 1;
  return v.map((x) => x / norm);
}

function readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      try {
        resolve(raw ? (JSON.parse(raw) as Record<string, unknown>) : {});
      } catch (err) {
        reject(err);
      }
    });
    req.on('error', reject);
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

export async function startFakeLlm(options: FakeLlmOptions = {}): Promise<FakeLlmServer> {
  const dims = options.embeddingDimensions ?? 64;
  const queue: FakeResponder[] = [];
  let fallback: FakeResponder = options.defaultReply ?? { content: 'Hello from the fake model.' };
  const requests: RecordedRequest[] = [];
  const closed = new WeakMap<RecordedRequest, Promise<void>>();
  let callSeq = 0;

  const toChatRequest = (body: Record<string, unknown>): FakeChatRequest => ({
    model: String(body.model ?? ''),
    messages: (body.messages as FakeChatMessage[] | undefined) ?? [],
    stream: body.stream === true,
    tools: (body.tools as FakeChatRequest['tools'] | undefined) ?? [],
    body,
  });

  /**
   * `arrived` is when the request reached the server: a reply's first-token delay counts from
   * there, as a provider's time to first token does, so reading the body and preparing the answer
   * are inside the delay rather than added to it.
   */
  async function handleChat(
    res: ServerResponse,
    record: RecordedRequest,
    arrived: number,
  ): Promise<void> {
    const chat = toChatRequest(record.body);
    const responder = queue.shift() ?? fallback;
    const reply = typeof responder === 'function' ? responder(chat) : responder;
    if (isError(reply)) {
      const headers =
        reply.retryAfter !== undefined ? { 'retry-after': String(reply.retryAfter) } : {};
      sendJson(
        res,
        reply.status,
        { error: { message: reply.message ?? `fake error ${reply.status}`, type: 'fake_error' } },
        headers,
      );
      record.completed = true;
      return;
    }

    const id = `chatcmpl-fake-${++callSeq}`;
    const created = Math.floor(Date.now() / 1000);
    const content = reply.content ?? '';
    const tokens = fakeTokens(content);
    const toolCalls = (reply.toolCalls ?? []).map((tc, i) => ({
      id: tc.id ?? `call_${callSeq}_${i}`,
      type: 'function' as const,
      function: { name: tc.name, arguments: JSON.stringify(tc.args) },
    }));
    const promptTokens = reply.usage?.promptTokens ?? countPromptTokens(chat.messages);
    const completionTokens = reply.usage?.completionTokens ?? tokens.length + toolCalls.length * 5;
    const usage = {
      prompt_tokens: promptTokens,
      completion_tokens: completionTokens,
      total_tokens: promptTokens + completionTokens,
    };
    const finishReason = toolCalls.length > 0 ? 'tool_calls' : 'stop';
    if (reply.firstTokenDelayMs) {
      const left = reply.firstTokenDelayMs - (performance.now() - arrived);
      if (left > 0) await sleep(left);
    }
    if (record.aborted) return;

    if (!chat.stream) {
      sendJson(res, 200, {
        id,
        object: 'chat.completion',
        created,
        model: chat.model,
        choices: [
          {
            index: 0,
            message: {
              role: 'assistant',
              content: content || (toolCalls.length ? null : ''),
              ...(toolCalls.length ? { tool_calls: toolCalls } : {}),
            },
            finish_reason: finishReason,
          },
        ],
        usage,
      });
      record.completed = true;
      return;
    }

    res.writeHead(200, {
      'content-type': 'text/event-stream',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
    });
    const send = (delta: Record<string, unknown>, finish: string | null = null) => {
      res.write(
        `data: ${JSON.stringify({
          id,
          object: 'chat.completion.chunk',
          created,
          model: chat.model,
          choices: [{ index: 0, delta, finish_reason: finish }],
        })}\n\n`,
      );
    };
    send({ role: 'assistant', content: '' });
    let sent = 0;
    for (const token of tokens) {
      if (record.aborted) return;
      if (reply.failAfterTokens !== undefined && sent >= reply.failAfterTokens) {
        // Simulate the upstream dying mid-answer: let what was written reach the client, then cut
        // the connection without finishing (destroying at once would discard buffered writes).
        await sleep(30);
        res.socket?.destroy();
        return;
      }
      if (reply.endAfterTokens !== undefined && sent >= reply.endAfterTokens) {
        res.end();
        record.completed = true;
        return;
      }
      send({ content: token });
      sent++;
      if (reply.tokenDelayMs) await sleep(reply.tokenDelayMs);
    }
    toolCalls.forEach((tc, index) => {
      send({
        tool_calls: [
          {
            index,
            id: tc.id,
            type: 'function',
            function: { name: tc.function.name, arguments: '' },
          },
        ],
      });
      send({ tool_calls: [{ index, function: { arguments: tc.function.arguments } }] });
    });
    if (record.aborted) return;
    send({}, finishReason);
    const streamOptions = chat.body.stream_options as { include_usage?: boolean } | undefined;
    if (streamOptions?.include_usage) {
      res.write(
        `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model: chat.model, choices: [], usage })}\n\n`,
      );
    }
    res.write('data: [DONE]\n\n');
    res.end();
    record.completed = true;
  }

  function handleEmbeddings(res: ServerResponse, record: RecordedRequest): void {
    const input = record.body.input;
    const texts = Array.isArray(input) ? input.map(String) : [String(input ?? '')];
    const base64 = record.body.encoding_format === 'base64' && !options.ignoreEncodingFormat;
    const data = texts.map((t, index) => {
      const vec = fakeEmbedding(t, dims);
      const embedding = base64 ? Buffer.from(new Float32Array(vec).buffer).toString('base64') : vec;
      return { object: 'embedding', index, embedding };
    });
    const tokens = texts.reduce((s, t) => s + fakeTokens(t).length, 0);
    sendJson(res, 200, {
      object: 'list',
      data,
      model: record.body.model,
      usage: { prompt_tokens: tokens, total_tokens: tokens },
    });
    record.completed = true;
  }

  const server = createServer((req, res) => {
    const arrived = performance.now();
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (req.method === 'GET' && path === '/v1/models') {
      const ids = options.models ?? ['fake-chat', 'fake-analysis', 'fake-embed'];
      sendJson(res, 200, {
        object: 'list',
        data: ids.map((id) => ({ id, object: 'model', created: 0, owned_by: 'fake' })),
      });
      return;
    }
    readBody(req)
      .then(async (body) => {
        const record: RecordedRequest = { path, body, aborted: false, completed: false };
        requests.push(record);
        closed.set(
          record,
          new Promise((resolve) =>
            res.on('close', () => {
              if (!record.completed) record.aborted = true;
              resolve();
            }),
          ),
        );
        if (req.method === 'POST' && path === '/v1/chat/completions') {
          await handleChat(res, record, arrived);
        } else if (req.method === 'POST' && path === '/v1/embeddings') {
          handleEmbeddings(res, record);
        } else {
          sendJson(res, 404, { error: { message: `no route ${req.method} ${path}` } });
          record.completed = true;
        }
      })
      .catch((err: unknown) => {
        if (!res.headersSent) sendJson(res, 400, { error: { message: String(err) } });
      });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    port,
    requests,
    embeddingDimensions: dims,
    chatRequests: () =>
      requests.filter((r) => r.path === '/v1/chat/completions').map((r) => toChatRequest(r.body)),
    enqueue: (...replies) => {
      queue.push(...replies);
    },
    setDefault: (responder) => {
      fallback = responder;
    },
    reset: () => {
      queue.length = 0;
      requests.length = 0;
    },
    settled: async () => {
      await Promise.all(requests.map((r) => closed.get(r)));
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * The environment that sends the API's chat and embeddings models to this server, its vectors
 * expected to have `embeddingDimensions` values (the server's own size unless a test says not).
 */
export function fakeModelEnv(
  llm: FakeLlmServer,
  embeddingDimensions = llm.embeddingDimensions,
): Record<string, string> {
  return {
    CHAT_MODEL: 'openai:fake-chat',
    EMBEDDING_MODEL: 'openai:fake-embed',
    EMBEDDING_DIMENSIONS: String(embeddingDimensions),
    LLM_BASE_URL: llm.baseUrl,
    LLM_MAX_RETRIES: '0',
  };
}
