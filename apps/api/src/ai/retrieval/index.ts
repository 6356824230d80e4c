/**
 * Retrieval behind one interface: pgvector when the database has it and an embeddings model is
 * configured, Postgres full-text search otherwise.
 */
import type { EmbeddingsInterface } from '@langchain/core/embeddings';
import { createFtsRetriever } from './fts.ts';
import { createPgvectorRetriever, hasPgvector } from './pgvector.ts';
import type { Retriever, SqlExecutor } from './types.ts';

export { findingDocs, profileDoc, summaryDoc } from './documents.ts';
export { createFtsRetriever, FTS_DDL, FTS_TABLE } from './fts.ts';
export {
  createPgvectorRetriever,
  hasPgvector,
  pgvectorDdl,
  toVectorLiteral,
  VECTOR_TABLE,
} from './pgvector.ts';
export * from './types.ts';

/** Pick the implementation: pgvector needs both the extension and an embeddings model. */
export async function createRetriever(options: {
  exec: SqlExecutor;
  embeddings: EmbeddingsInterface | null;
  /** Skip detection when the caller already knows (e.g. from its migration). */
  vector?: boolean | undefined;
}): Promise<Retriever> {
  const vector = options.vector ?? (options.embeddings ? await hasPgvector(options.exec) : false);
  return vector && options.embeddings
    ? createPgvectorRetriever(options.exec, options.embeddings)
    : createFtsRetriever(options.exec);
}
