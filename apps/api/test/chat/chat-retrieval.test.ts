import { afterAll, beforeAll, expect, it } from 'vitest';
import { bearer, register, useApp } from '../support/app.ts';
import { backends } from '../support/db.ts';
import { type FakeLlmServer, fakeModelEnv, startFakeLlm } from '../support/fake-llm.ts';

// With EMBEDDING_MODEL and the vector extension (PGlite), migration 0008 makes the pgvector table
// and chat retrieval runs on embeddings of EMBEDDING_DIMENSIONS; the Postgres server here has no pgvector and uses full-text
// search (the model tests cover that path on both backends).
const pglite = backends.find((b) => b.name === 'pglite');
if (!pglite) throw new Error('pglite backend missing');

let llm: FakeLlmServer;
const env: Record<string, string> = { RUN_WORKER: 'false' };
beforeAll(async () => {
  llm = await startFakeLlm({ embeddingDimensions: 32 });
  Object.assign(env, fakeModelEnv(llm));
});
afterAll(() => llm.close());
const ctx = useApp(pglite, env);

it('indexes the profile with embeddings and puts it in the next prompt', async () => {
  expect(ctx.app.ai.retriever.kind).toBe('pgvector');
  const s = await register(ctx.app);
  await ctx.app.ai.retriever.index([
    {
      id: `profile:${s.userId}`,
      userId: s.userId,
      kind: 'profile',
      text: 'Name: Rise Bakery. Offering: sourdough bread for cafes.',
    },
  ]);
  const id = (
    await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/chat/sessions',
      headers: bearer(s.access),
      payload: {},
    })
  ).json().id;
  const res = await ctx.app.inject({
    method: 'POST',
    url: `/api/v1/chat/sessions/${id}/messages`,
    headers: bearer(s.access),
    payload: { content: 'How should I price sourdough bread for cafes?' },
  });
  expect(res.statusCode, res.body).toBe(201);
  const prompt = JSON.stringify(llm.chatRequests().find((r) => r.stream)?.messages);
  expect(prompt).toContain('(profile) Name: Rise Bakery');
});
