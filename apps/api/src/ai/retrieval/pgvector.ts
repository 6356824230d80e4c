/**
 * Retrieval with pgvector: cosine distance over embeddings from the gateway's embeddings model.
 * The table comes from migration 0008 (only where the `vector` extension is available). Its column
 * has no fixed dimension: each row records the model and the vector's length (a CHECK keeps them
 * equal), and every vector is checked against the configured length before it is stored or used.
 */
import type { EmbeddingsInterface } from '@langchain/core/embeddings';
import { type RetrievalDoc, type Retriever, rowToHit, type SqlExecutor } from './types.ts';

export const VECTOR_TABLE = 'ai_documents';

/** What the vectors must be: the EMBEDDING_MODEL spec and its length. */
export interface VectorSpace {
  model: string;
  dimensions: number;
}

/** A vector the embeddings model returned that cannot be right; nothing was stored. */
export class EmbeddingRefusedError extends Error {
  constructor(
    readonly model: string,
    message: string,
  ) {
    super(`embeddings from ${model} refused: ${message}`);
    this.name = 'EmbeddingRefusedError';
  }
}

/** Throws EmbeddingRefusedError unless `v` has the expected length, finite values, and is not all zeros. */
export function checkVector(v: unknown, space: VectorSpace): number[] {
  if (!Array.isArray(v)) throw new EmbeddingRefusedError(space.model, 'not a list of numbers');
  if (v.length !== space.dimensions)
    throw new EmbeddingRefusedError(
      space.model,
      `${v.length} dimensions where ${space.dimensions} are expected (EMBEDDING_DIMENSIONS)`,
    );
  if (!v.every((x) => typeof x === 'number' && Number.isFinite(x)))
    throw new EmbeddingRefusedError(space.model, 'a value is not a finite number');
  if (v.every((x) => x === 0)) throw new EmbeddingRefusedError(space.model, 'an all-zero vector');
  return v as number[];
}

/** pgvector's text form: '[0.1,0.2,...]'. Only for vectors that passed checkVector. */
export function toVectorLiteral(v: number[]): string {
  return `[${v.join(',')}]`;
}

/** Whether migration 0008 created the vector table (it does only where pgvector is available). */
export async function hasVectorTable(exec: SqlExecutor): Promise<boolean> {
  const rows = await exec(`SELECT to_regclass($1) IS NOT NULL AS present`, [VECTOR_TABLE]);
  return rows[0]?.present === true;
}

/**
 * Vectors only. Throws EmbeddingRefusedError (storing nothing) when the model answers a vector
 * of the wrong length, or all zeros; `createRetriever` then falls back to full-text search.
 */
export function createPgvectorRetriever(
  exec: SqlExecutor,
  embeddings: EmbeddingsInterface,
  space: VectorSpace,
): Retriever {
  return {
    kind: 'pgvector',
    async index(docs: RetrievalDoc[]) {
      if (!docs.length) return;
      const raw = await embeddings.embedDocuments(docs.map((d) => d.text));
      if (raw.length !== docs.length)
        throw new EmbeddingRefusedError(
          space.model,
          `${raw.length} vectors for ${docs.length} texts`,
        );
      const vectors = raw.map((v) => checkVector(v, space));
      for (const [i, d] of docs.entries()) {
        await exec(
          `INSERT INTO ${VECTOR_TABLE} (id, user_id, kind, content, model, dimensions, embedding)
           VALUES ($1, $2, $3, $4, $5, $6, $7::vector)
           ON CONFLICT (id) DO UPDATE SET user_id = EXCLUDED.user_id, kind = EXCLUDED.kind,
             content = EXCLUDED.content, model = EXCLUDED.model, dimensions = EXCLUDED.dimensions,
             embedding = EXCLUDED.embedding, updated_at = now()`,
          [
            d.id,
            d.userId,
            d.kind,
            d.text,
            space.model,
            space.dimensions,
            toVectorLiteral(vectors[i]!),
          ],
        );
      }
    },
    async search(userId, query, k, options = {}) {
      if (!query.trim() || k <= 0) return [];
      const v = toVectorLiteral(checkVector(await embeddings.embedQuery(query), space));
      // Rows of another model (EMBEDDING_MODEL changed) are never compared with this one's.
      const rows = await exec(
        `SELECT id, user_id, kind, content, 1 - (embedding <=> $2::vector) AS score
         FROM ${VECTOR_TABLE}
         WHERE user_id = $1 AND model = $5 AND dimensions = $6
           AND ($4::text[] IS NULL OR kind = ANY($4::text[]))
         ORDER BY embedding <=> $2::vector
         LIMIT $3`,
        [userId, v, k, options.kinds?.length ? options.kinds : null, space.model, space.dimensions],
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
