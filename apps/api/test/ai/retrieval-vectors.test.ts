import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createModelGateway, embeddingDimensionsFor } from '../../src/ai/models.ts';
import {
  checkVector,
  createRetriever,
  EmbeddingRefusedError,
  executorFrom,
  type RetrievalDoc,
  type SqlExecutor,
  VECTOR_TABLE,
} from '../../src/ai/retrieval/index.ts';
import { ConfigError, loadConfig } from '../../src/config.ts';
import type { DatabaseHandle } from '../../src/db/client.ts';
import { type Backend, backends } from '../support/db.ts';
import { type FakeLlmServer, startFakeLlm } from '../support/fake-llm.ts';

// The vector table comes from migration 0008 where pgvector exists (PGlite); every vector is
// checked against EMBEDDING_DIMENSIONS before it is stored or searched.
const MODEL = 'openai:fake-embed';

function docsFor(userId: string): RetrievalDoc[] {
  return [
    {
      id: `${userId}:img`,
      userId,
      kind: 'finding',
      text: 'The hero image is 3 MB and slows the page.',
    },
    {
      id: `${userId}:meta`,
      userId,
      kind: 'finding',
      text: 'Pages are missing a meta description.',
    },
  ];
}

function rawExec(handle: DatabaseHandle): SqlExecutor {
  return executorFrom(
    (handle.db as unknown as { $client: Parameters<typeof executorFrom>[0] }).$client,
  );
}

/** The retriever the API builds for EMBEDDING_MODEL with EMBEDDING_DIMENSIONS=64. */
async function retrieverFor(
  exec: SqlExecutor,
  llm: FakeLlmServer,
  onRefused?: (err: EmbeddingRefusedError) => void,
) {
  const embeddings = await createModelGateway({
    embeddingModel: MODEL,
    baseUrl: llm.baseUrl,
  }).embeddings();
  return createRetriever({
    exec,
    embeddings,
    space: { model: MODEL, dimensions: 64 },
    ...(onRefused ? { onRefused } : {}),
  });
}

/** A real user row: both retrieval tables reference users. */
async function newUser(exec: SqlExecutor): Promise<string> {
  const rows = await exec(
    `INSERT INTO users (email, password_hash) VALUES ($1, 'x') RETURNING id`,
    [`${randomUUID()}@example.com`],
  );
  return String(rows[0]?.id);
}

function backend(name: Backend['name']): Backend {
  const b = backends.find((x) => x.name === name);
  if (!b) throw new Error(`${name} backend missing`);
  return b;
}

describe('pgvector on PGlite, table from the migration', () => {
  let opened: Awaited<ReturnType<Backend['open']>>;
  let exec: SqlExecutor;
  const servers: FakeLlmServer[] = [];
  const serve = async (options: Parameters<typeof startFakeLlm>[0]) => {
    const s = await startFakeLlm(options);
    servers.push(s);
    return s;
  };

  beforeAll(async () => {
    opened = await backend('pglite').open();
    exec = rawExec(opened.handle);
  }, 120_000);
  afterAll(async () => {
    for (const s of servers) await s.close();
    if (opened) await opened.dispose();
  });

  const storedDims = async (userId: string) =>
    (
      await exec(
        `SELECT dimensions, vector_dims(embedding) AS actual, model FROM ${VECTOR_TABLE} WHERE user_id = $1`,
        [userId],
      )
    ).map((r) => [Number(r.dimensions), Number(r.actual), r.model]);

  it('stores and searches vectors of the configured dimension, asked for as floats', async () => {
    const right = await newUser(exec);
    const llm = await serve({ embeddingDimensions: 64 });
    const r = await retrieverFor(exec, llm);
    expect(r.kind).toBe('pgvector');
    await r.index(docsFor(right));
    expect(await storedDims(right)).toEqual([
      [64, 64, MODEL],
      [64, 64, MODEL],
    ]);
    const hits = await r.search(right, 'hero image slows the page', 2);
    expect(hits[0]?.id).toBe(`${right}:img`);
    expect(hits[0]!.score).toBeGreaterThan(hits[1]!.score);
    const calls = llm.requests.filter((q) => q.path === '/v1/embeddings');
    expect(calls.length).toBe(2);
    expect(calls.every((q) => q.body.encoding_format === 'float')).toBe(true);
    expect(r.kind).toBe('pgvector');
  });

  it('reads a server that ignores encoding_format and answers floats', async () => {
    const floats = await newUser(exec);
    const llm = await serve({ embeddingDimensions: 64, ignoreEncodingFormat: true });
    const r = await retrieverFor(exec, llm);
    await r.index(docsFor(floats));
    expect(await storedDims(floats)).toEqual([
      [64, 64, MODEL],
      [64, 64, MODEL],
    ]);
    expect((await r.search(floats, 'meta description missing', 1))[0]?.id).toBe(`${floats}:meta`);
    expect(r.kind).toBe('pgvector');
  });

  it('refuses vectors of the wrong dimension, says so once, and searches full text', async () => {
    const wrong = await newUser(exec);
    const llm = await serve({ embeddingDimensions: 48 });
    const refusals: EmbeddingRefusedError[] = [];
    const r = await retrieverFor(exec, llm, (err) => refusals.push(err));
    expect(r.kind).toBe('pgvector');
    await r.index(docsFor(wrong));
    expect(await storedDims(wrong)).toEqual([]);
    expect(r.kind).toBe('fts');
    expect(refusals).toHaveLength(1);
    expect(refusals[0]!.message).toMatch(/48 dimensions where 64 are expected/);
    const hits = await r.search(wrong, 'hero image', 2);
    expect(hits.map((h) => h.id)).toEqual([`${wrong}:img`]);
    await r.index(docsFor(wrong));
    expect(refusals).toHaveLength(1);
  });

  it('refuses a wrong query vector at search time and falls back too', async () => {
    const late = await newUser(exec);
    const good = await serve({ embeddingDimensions: 64 });
    const ok = await retrieverFor(exec, good);
    await ok.index(docsFor(late));
    const bad = await serve({ embeddingDimensions: 2 });
    const refusals: EmbeddingRefusedError[] = [];
    const r = await retrieverFor(exec, bad, (err) => refusals.push(err));
    const hits = await r.search(late, 'meta description', 2);
    expect(hits.map((h) => h.id)).toEqual([`${late}:meta`]);
    expect(refusals).toHaveLength(1);
    expect(r.kind).toBe('fts');
  });
});

describe('PostgreSQL without pgvector', () => {
  let opened: Awaited<ReturnType<Backend['open']>>;
  let llm: FakeLlmServer;
  const pg = backend('postgres');

  beforeAll(async () => {
    llm = await startFakeLlm({ embeddingDimensions: 64 });
    if (pg.available) opened = await pg.open();
  }, 120_000);
  afterAll(async () => {
    await llm?.close();
    if (opened) await opened.dispose();
  });

  it.runIf(pg.available)(
    'migrates without the vector table and retrieves by full text',
    async () => {
      const exec = rawExec(opened.handle);
      const owner = await newUser(exec);
      const ext = await exec(`SELECT 1 FROM pg_available_extensions WHERE name = 'vector'`, []);
      expect(ext).toEqual([]);
      const table = await exec(`SELECT to_regclass($1) AS t`, [VECTOR_TABLE]);
      expect(table[0]?.t).toBeNull();
      const r = await retrieverFor(exec, llm);
      expect(r.kind).toBe('fts');
      await r.index(docsFor(owner));
      expect((await r.search(owner, 'hero image', 1))[0]?.id).toBe(`${owner}:img`);
      expect(llm.requests.filter((q) => q.path === '/v1/embeddings')).toEqual([]);
    },
  );
});

describe('vector checks and EMBEDDING_DIMENSIONS', () => {
  const space = { model: MODEL, dimensions: 3 };

  it('accepts a finite vector of the right length and refuses the rest', () => {
    expect(checkVector([0.1, 0, -0.2], space)).toEqual([0.1, 0, -0.2]);
    expect(() => checkVector([0, 0, 0], space)).toThrow(/all-zero/);
    expect(() => checkVector([0, 0], space)).toThrow(/2 dimensions where 3/);
    expect(() => checkVector([1, Number.NaN, 0], space)).toThrow(EmbeddingRefusedError);
    expect(() => checkVector('AAAA', space)).toThrow(EmbeddingRefusedError);
  });

  it('knows the default size of common models and asks for it otherwise', () => {
    expect(embeddingDimensionsFor('openai:text-embedding-3-small', undefined)).toBe(1536);
    expect(embeddingDimensionsFor('ollama:nomic-embed-text:latest', undefined)).toBe(768);
    expect(embeddingDimensionsFor('openai:text-embedding-3-small', 512)).toBe(512);
    const base = { CHAT_MODEL: 'openai:gpt-4o-mini', OPENAI_API_KEY: 'k' };
    expect(
      loadConfig({ ...base, EMBEDDING_MODEL: 'openai:text-embedding-3-small' })
        .EMBEDDING_DIMENSIONS,
    ).toBeUndefined();
    expect(() => loadConfig({ ...base, EMBEDDING_MODEL: 'openai:my-embed' })).toThrow(
      /EMBEDDING_DIMENSIONS/,
    );
    expect(() => loadConfig({ ...base, EMBEDDING_MODEL: 'openai:my-embed' })).toThrow(ConfigError);
    expect(
      loadConfig({ ...base, EMBEDDING_MODEL: 'openai:my-embed', EMBEDDING_DIMENSIONS: '256' })
        .EMBEDDING_DIMENSIONS,
    ).toBe(256);
    expect(() => loadConfig({ ...base, EMBEDDING_DIMENSIONS: '0' })).toThrow(
      /EMBEDDING_DIMENSIONS/,
    );
  });
});
