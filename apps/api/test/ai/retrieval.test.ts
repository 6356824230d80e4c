import { randomBytes, randomUUID } from 'node:crypto';
import type { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createModelGateway } from '../../src/ai/models.ts';
import {
  createFtsRetriever,
  createRetriever,
  executorFrom,
  FTS_DDL,
  findingDocs,
  hasVectorTable,
  profileDoc,
  type RetrievalDoc,
  type Retriever,
  summaryDoc,
} from '../../src/ai/retrieval/index.ts';
import { type DatabaseHandle, openDatabase } from '../../src/db/client.ts';
import { runMigrations } from '../../src/db/migrate.ts';
import { type FakeLlmServer, startFakeLlm } from '../support/fake-llm.ts';

function docsFor(u1: string, u2: string): RetrievalDoc[] {
  return [
    {
      id: 'profile:u1',
      userId: u1,
      kind: 'profile',
      text: 'Crumbs & Co is a sourdough bakery in Leeds selling bread to cafés.',
    },
    {
      id: 'finding:a1:meta',
      userId: u1,
      kind: 'finding',
      text: 'Pages are missing a meta description, which hurts search results.',
    },
    {
      id: 'finding:a1:img',
      userId: u1,
      kind: 'finding',
      text: 'The hero image is 3 MB and slows the page load.',
    },
    {
      id: 'summary:c1',
      userId: u1,
      kind: 'conversation_summary',
      text: 'Owner decided to publish a weekly menu page and collect reviews.',
    },
    {
      id: 'profile:u2',
      userId: u2,
      kind: 'profile',
      text: 'A different bakery whose meta description is also missing.',
    },
  ];
}

/** The same behaviour from both implementations. */
function sharedExpectations(get: () => Retriever, u1: string, u2: string) {
  it('finds the most relevant of the user own documents', async () => {
    const hits = await get().search(u1, 'meta description missing', 2);
    expect(hits[0]?.id).toBe('finding:a1:meta');
    expect(hits.every((h) => h.userId === u1)).toBe(true);
  });

  it('never returns another user documents, and filters by kind', async () => {
    const hits = await get().search(u2, 'sourdough bakery meta description', 5);
    expect(hits.map((h) => h.id)).toEqual(['profile:u2']);
    const kinds = await get().search(u1, 'weekly menu page decided', 5, {
      kinds: ['conversation_summary'],
    });
    expect(kinds.map((h) => h.id)).toEqual(['summary:c1']);
  });

  it('replaces a document by id and removes documents', async () => {
    await get().index([
      { ...docsFor(u1, u2)[3]!, text: 'Owner decided to start a newsletter about sourdough.' },
    ]);
    const hits = await get().search(u1, 'newsletter', 1);
    expect(hits[0]?.id).toBe('summary:c1');
    expect(hits[0]?.text).toContain('newsletter');
    await get().remove(u1, ['summary:c1']);
    const after = await get().search(u1, 'newsletter', 5);
    expect(after.map((h) => h.id)).not.toContain('summary:c1');
  });
}

describe('full-text search retriever on the Postgres server', () => {
  const admin = new pg.Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/test' });
  const dbName = `quento_ai_test_${randomBytes(4).toString('hex')}`;
  let client: pg.Client;
  let retriever: Retriever;

  beforeAll(async () => {
    await admin.connect();
    await admin.query(`CREATE DATABASE ${dbName}`);
    client = new pg.Client({ connectionString: `postgres://postgres@127.0.0.1:5432/${dbName}` });
    await client.connect();
    await client.query(FTS_DDL);
    const exec = executorFrom(client);
    // No embeddings model: the factory must pick full-text search.
    retriever = await createRetriever({ exec, embeddings: null });
    expect(retriever.kind).toBe('fts');
    await retriever.index(docsFor('u1', 'u2'));
  });

  afterAll(async () => {
    await client?.end();
    await admin.query(`DROP DATABASE IF EXISTS ${dbName}`);
    await admin.end();
  });

  sharedExpectations(() => retriever, 'u1', 'u2');

  it('indexes the profile, summaries and findings built by the helpers', async () => {
    await retriever.index([
      profileDoc('u3', { name: 'Peak Plumbing', offering: 'boiler repairs' }),
      summaryDoc('u3', 'c9', 'Agreed to add online booking.'),
      ...findingDocs('u3', 'a9', {
        url: 'https://peak.co.uk',
        scores: {},
        topFindings: [{ title: 'No booking form', severity: 'high', category: 'content' }],
      }),
    ]);
    const hits = await retriever.search('u3', 'booking', 5);
    expect(hits.map((h) => h.id).sort()).toEqual(['finding:a9:0', 'summary:c9']);
    expect((await retriever.search('u3', 'boiler', 1))[0]?.id).toBe('profile:u3');
  });

  it('ranks documents matching more words first and ignores empty queries', async () => {
    const hits = await retriever.search('u1', 'what slows my page load?', 3);
    expect(hits[0]?.id).toBe('finding:a1:img');
    expect(await retriever.search('u1', '   ', 3)).toEqual([]);
    expect(await retriever.search('u1', 'the and of', 3)).toEqual([]);
  });

  it('picks pgvector only when the database has it', async () => {
    const exec = executorFrom(client);
    const r = await createRetriever({
      exec,
      embeddings: { embedQuery: async () => [], embedDocuments: async () => [] },
      space: { model: 'openai:fake-embed', dimensions: 64 },
    });
    // Only migration 0008 makes the vector table, and only where pgvector is available.
    expect(await hasVectorTable(exec)).toBe(false);
    expect(r.kind).toBe('fts');
    expect(createFtsRetriever(executorFrom(client)).kind).toBe('fts');
  });
});

describe('pgvector retriever on PGlite with embeddings from the fake server', () => {
  // Migrated like the API's own database: both retrieval tables reference real users.
  const U1 = randomUUID();
  const U2 = randomUUID();
  let handle: DatabaseHandle;
  let db: PGlite;
  let llm: FakeLlmServer;
  let retriever: Retriever;

  beforeAll(async () => {
    llm = await startFakeLlm({ embeddingDimensions: 64 });
    handle = await openDatabase({ pgliteDir: 'memory://' });
    await runMigrations(handle);
    db = (handle.db as unknown as { $client: PGlite }).$client;
    for (const id of [U1, U2])
      await db.query(`INSERT INTO users (id, email, password_hash) VALUES ($1, $2, 'x')`, [
        id,
        `${id}@example.com`,
      ]);
    const embeddings = await createModelGateway({
      embeddingModel: 'openai:fake-embed',
      baseUrl: llm.baseUrl,
    }).embeddings();
    retriever = await createRetriever({
      exec: executorFrom(db),
      embeddings,
      space: { model: 'openai:fake-embed', dimensions: 64 },
    });
    expect(retriever.kind).toBe('pgvector');
    await retriever.index(docsFor(U1, U2));
  }, 120_000);

  afterAll(async () => {
    await handle?.close();
    await llm?.close();
  });

  sharedExpectations(() => retriever, U1, U2);

  it('scores by cosine similarity and embeds through the model server', async () => {
    const hits = await retriever.search(U1, 'hero image slows the page', 3);
    expect(hits[0]?.id).toBe('finding:a1:img');
    expect(hits[0]!.score).toBeGreaterThan(hits[1]!.score);
    expect(hits[0]!.score).toBeLessThanOrEqual(1);
    const embedCalls = llm.requests.filter((r) => r.path === '/v1/embeddings');
    expect(embedCalls.length).toBeGreaterThan(0);
    expect(embedCalls[0]?.body.model).toBe('fake-embed');
  });
});
