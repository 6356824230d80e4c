import { afterAll, beforeAll, expect, it } from 'vitest';
import { profileDoc } from '../../src/ai/retrieval/index.ts';
import { forEachBackend, register, useApp } from '../support/app.ts';
import { openSession, sayOverHttp } from '../support/chat.ts';
import { type FakeLlmServer, fakeModelEnv, startFakeLlm } from '../support/fake-llm.ts';

// The model server answers 32-dimension vectors while EMBEDDING_DIMENSIONS says 64: on PGlite the
// first vector is refused, logged once, and the chat's retrieval carries on over full text; on the
// PostgreSQL here (no pgvector) full text is used from the start. Either way the profile reaches
// the prompt and no vector of the wrong size is stored.
let llm: FakeLlmServer;
const env: Record<string, string> = { RUN_WORKER: 'false' };
beforeAll(async () => {
  llm = await startFakeLlm({ embeddingDimensions: 32 });
  Object.assign(env, fakeModelEnv(llm, 64));
});
afterAll(() => llm.close());

forEachBackend((backend) => {
  const ctx = useApp(backend, env);

  it('refuses vectors of the wrong size once and retrieves the profile by full text', async () => {
    const vectorTable = backend.name === 'pglite';
    expect(ctx.app.ai.retriever.kind).toBe(vectorTable ? 'pgvector' : 'fts');
    const s = await register(ctx.app);
    // The profile as the chat indexes it (documents.ts), in the words the question uses.
    const doc = profileDoc(s.userId, {
      name: 'Rise Bakery',
      offering: 'sourdough bread for cafes',
    });
    await ctx.app.ai.retriever.index([doc]);
    expect(ctx.app.ai.retriever.kind).toBe('fts');
    llm.reset();
    const id = await openSession(ctx.app, s);
    await sayOverHttp(ctx.app, s, id, 'How should I price sourdough bread for cafes?');
    await sayOverHttp(ctx.app, s, id, 'And sourdough for restaurants?');
    const prompt = JSON.stringify(llm.chatRequests().find((r) => r.stream)?.messages);
    expect(prompt).toContain(`(profile) ${doc.text.split('\n')[0]}`);
    const refusals = ctx.logs.lines.filter((l) => l.includes('embeddings refused'));
    expect(refusals).toHaveLength(vectorTable ? 1 : 0);
    if (vectorTable) expect(refusals[0]).toContain('32 dimensions where 64 are expected');
    const { rows } = (await ctx.handle.db.execute(
      `select to_regclass('ai_documents') is not null as present`,
    )) as unknown as { rows: Array<{ present: boolean }> };
    expect(rows[0]?.present).toBe(vectorTable);
  });
});
