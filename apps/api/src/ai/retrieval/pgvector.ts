/** Retrieval with pgvector: cosine distance over embeddings from the gateway's embeddings model. */
import type { EmbeddingsInterface } from '@langchain/core/embeddings';
import { type RetrievalDoc, type Retriever, rowToHit, type SqlExecutor } from './types.ts';

export const VECTOR_TABLE = 'ai_documents';

/** DDL for the migration; `dimensions` must match EMBEDDING_MODEL (1536 for text-embedding-3-small). */
export function pgvectorDdl(dimensions: number): string {
  if (!Number.isInteger(dimensions) || dimensions <= 0)
    throw new Error('dimensions must be a positive integer');
  return `CREATE EXTENSION IF NOT EXISTS vector;
CREATE TABLE IF NOT EXISTS ${VECTOR_TABLE} (
  id text PRIMARY KEY,
  user_id text NOT NULL,
  kind text NOT NULL,
  content text NOT NULL,
  embedding vector(${dimensions}) NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS ${VECTOR_TABLE}_user_idx ON ${VECTOR_TABLE} (user_id, kind);
CREATE INDEX IF NOT EXISTS ${VECTOR_TABLE}_embedding_idx ON ${VECTOR_TABLE} USING hnsw (embedding vector_cosine_ops);`;
}

/** pgvector's text form: '[0.1,0.2,...]'. */
export function toVectorLiteral(v: number[]): string {
  return `[${v.map((x) => (Number.isFinite(x) ? x : 0)).join(',')}]`;
}

/** Whether the database has (or can create) the vector extension. */
export async function hasPgvector(exec: SqlExecutor): Promise<boolean> {
  const rows = await exec(`SELECT 1 FROM pg_available_extensions WHERE name = 'vector'`, []);
  return rows.length > 0;
}

export function createPgvectorRetriever(
  exec: SqlExecutor,
  embeddings: EmbeddingsInterface,
): Retriever {
  return {
    kind: 'pgvector',
    async index(docs: RetrievalDoc[]) {
      if (!docs.length) return;
      const vectors = await embeddings.embedDocuments(docs.map((d) => d.text));
      for (const [i, d] of docs.entries()) {
        await exec(
          `INSERT INTO ${VECTOR_TABLE} (id, user_id, kind, content, embedding) VALUES ($1, $2, $3, $4, $5::vector)
           ON CONFLICT (id) DO UPDATE SET user_id = EXCLUDED.user_id, kind = EXCLUDED.kind,
             content = EXCLUDED.content, embedding = EXCLUDED.embedding, updated_at = now()`,
          [d.id, d.userId, d.kind, d.text, toVectorLiteral(vectors[i] ?? [])],
        );
      }
    },
    async search(userId, query, k, options = {}) {
      if (!query.trim() || k <= 0) return [];
      const v = toVectorLiteral(await embeddings.embedQuery(query));
      const rows = await exec(
        `SELECT id, user_id, kind, content, 1 - (embedding <=> $2::vector) AS score
         FROM ${VECTOR_TABLE}
         WHERE user_id = $1 AND ($4::text[] IS NULL OR kind = ANY($4::text[]))
         ORDER BY embedding <=> $2::vector
         LIMIT $3`,
        [userId, v, k, options.kinds?.length ? options.kinds : null],
      );
      return rows.map(rowToHit);
    },
    async remove(userId, ids) {
      if (ids.length) {
        await exec(`DELETE FROM ${VECTOR_TABLE} WHERE user_id = $1 AND id = ANY($2::text[])`, [
          userId,
          ids,
        ]);
      }
    },
  };
}
