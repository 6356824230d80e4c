/**
 * Retrieval behind one interface: pgvector when the database has the vector table and an
 * embeddings model is configured, Postgres full-text search otherwise, or once the model's
 * vectors have been refused.
 */
import type { EmbeddingsInterface } from '@langchain/core/embeddings';
import { createFtsRetriever } from './fts.ts';
import {
  createPgvectorRetriever,
  EmbeddingRefusedError,
  hasVectorTable,
  type VectorSpace,
} from './pgvector.ts';
import type { Retriever, SqlExecutor } from './types.ts';

export { findingDocs, profileDoc, summaryDoc } from './documents.ts';
export { createFtsRetriever, FTS_DDL, FTS_TABLE } from './fts.ts';
export {
  checkVector,
  createPgvectorRetriever,
  EmbeddingRefusedError,
  hasVectorTable,
  toVectorLiteral,
  VECTOR_TABLE,
  type VectorSpace,
} from './pgvector.ts';
export * from './types.ts';

/**
 * Vectors while the model's answers pass the checks, full-text search underneath throughout:
 * every document goes to both tables, so when a vector is refused (wrong length, all zeros) the
 * refusal is reported once and search carries on over full text rather than over junk.
 */
export function createVectorRetrieverWithFallback(
  vector: Retriever,
  fts: Retriever,
  onRefused: (err: EmbeddingRefusedError) => void = () => {},
): Retriever {
  let refused = false;
  const refuse = (err: unknown) => {
    if (!(err instanceof EmbeddingRefusedError)) throw err;
    if (!refused) onRefused(err);
    refused = true;
  };
  return {
    get kind() {
      return refused ? 'fts' : 'pgvector';
    },
    async index(docs) {
      await fts.index(docs);
      if (!refused) await vector.index(docs).catch(refuse);
    },
    async search(userId, query, k, options) {
      if (!refused) {
        try {
          return await vector.search(userId, query, k, options);
        } catch (err) {
          refuse(err);
        }
      }
      return fts.search(userId, query, k, options);
    },
    async remove(userId, ids) {
      await fts.remove(userId, ids);
      await vector.remove(userId, ids);
    },
  };
}

/** Pick the implementation: pgvector needs the vector table, an embeddings model and its size. */
export async function createRetriever(options: {
  exec: SqlExecutor;
  embeddings: EmbeddingsInterface | null;
  /** EMBEDDING_MODEL and the length its vectors must have. */
  space?: VectorSpace | undefined;
  /** Skip detection when the caller already knows. */
  vector?: boolean | undefined;
  /** Told once when the model's vectors are refused and retrieval falls back to full text. */
  onRefused?: (err: EmbeddingRefusedError) => void;
}): Promise<Retriever> {
  const { exec, embeddings, space } = options;
  const fts = createFtsRetriever(exec);
  if (!embeddings || !space) return fts;
  const vector = options.vector ?? (await hasVectorTable(exec));
  if (!vector) return fts;
  return createVectorRetrieverWithFallback(
    createPgvectorRetriever(exec, embeddings, space),
    fts,
    options.onRefused,
  );
}
