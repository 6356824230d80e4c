/** Retrieval with Postgres full-text search, for databases without pgvector. */
import { type RetrievalDoc, type Retriever, rowToHit, type SqlExecutor } from './types.ts';

export const FTS_TABLE = 'ai_documents_fts';

/** DDL for the migration. */
export const FTS_DDL = `CREATE TABLE IF NOT EXISTS ${FTS_TABLE} (
  id text PRIMARY KEY,
  user_id text NOT NULL,
  kind text NOT NULL,
  content text NOT NULL,
  tsv tsvector GENERATED ALWAYS AS (to_tsvector('english', content)) STORED,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS ${FTS_TABLE}_user_idx ON ${FTS_TABLE} (user_id, kind);
CREATE INDEX IF NOT EXISTS ${FTS_TABLE}_tsv_idx ON ${FTS_TABLE} USING gin (tsv);`;

/**
 * websearch_to_tsquery ANDs every word, so a chat question ("what did we decide about the
 * menu page?") would match almost nothing. The query is loosened to OR, and ts_rank puts the
 * documents matching more words first. Queries with negation ("-word") keep the strict form.
 */
const SEARCH_SQL = `WITH q AS (SELECT websearch_to_tsquery('english', $2) AS strict),
query AS (
  SELECT CASE
    WHEN strict::text = '' THEN NULL
    WHEN position('!' in strict::text) > 0 THEN strict
    ELSE replace(strict::text, ' & ', ' | ')::tsquery
  END AS tsq FROM q
)
SELECT d.id, d.user_id, d.kind, d.content, ts_rank(d.tsv, query.tsq) AS score
FROM ${FTS_TABLE} d, query
WHERE d.user_id = $1 AND query.tsq IS NOT NULL AND d.tsv @@ query.tsq
  AND ($4::text[] IS NULL OR d.kind = ANY($4::text[]))
ORDER BY score DESC, d.updated_at DESC
LIMIT $3`;

export function createFtsRetriever(exec: SqlExecutor): Retriever {
  return {
    kind: 'fts',
    async index(docs: RetrievalDoc[]) {
      for (const d of docs) {
        await exec(
          `INSERT INTO ${FTS_TABLE} (id, user_id, kind, content) VALUES ($1, $2, $3, $4)
           ON CONFLICT (id) DO UPDATE SET user_id = EXCLUDED.user_id, kind = EXCLUDED.kind,
             content = EXCLUDED.content, updated_at = now()`,
          [d.id, d.userId, d.kind, d.text],
        );
      }
    },
    async search(userId, query, k, options = {}) {
      if (!query.trim() || k <= 0) return [];
      const rows = await exec(SEARCH_SQL, [
        userId,
        query,
        k,
        options.kinds?.length ? options.kinds : null,
      ]);
      return rows.map(rowToHit);
    },
    async remove(userId, ids) {
      if (ids.length)
        await exec(`DELETE FROM ${FTS_TABLE} WHERE user_id = $1 AND id = ANY($2::text[])`, [
          userId,
          ids,
        ]);
    },
  };
}
