/** Run one parameterised SQL statement and return its rows (pg, PGlite, or a Drizzle wrapper). */
export type SqlExecutor = (sql: string, params: unknown[]) => Promise<Record<string, unknown>[]>;

/** Adapt anything with pg's `query(sql, params) -> { rows }` shape: pg.Pool, pg.Client, PGlite. */
export function executorFrom(db: {
  query(sql: string, params?: unknown[]): Promise<{ rows: unknown[] }>;
}): SqlExecutor {
  return async (sql, params) => (await db.query(sql, params)).rows as Record<string, unknown>[];
}

/** What gets indexed: the profile, conversation summaries, analysis findings. */
export interface RetrievalDoc {
  /** Stable id chosen by the caller, e.g. `profile:<userId>` or `finding:<analysisId>:<auditId>`. */
  id: string;
  userId: string;
  kind: string;
  text: string;
}

export interface RetrievalHit extends RetrievalDoc {
  /** Higher is better; cosine similarity for pgvector, ts_rank for full-text search. */
  score: number;
}

export interface SearchOptions {
  kinds?: string[] | undefined;
}

export interface Retriever {
  readonly kind: 'pgvector' | 'fts';
  /** Insert or replace documents by id. */
  index(docs: RetrievalDoc[]): Promise<void>;
  /** The user's `k` best documents for the query; never another user's. */
  search(
    userId: string,
    query: string,
    k: number,
    options?: SearchOptions,
  ): Promise<RetrievalHit[]>;
  remove(userId: string, ids: string[]): Promise<void>;
}

export function rowToHit(row: Record<string, unknown>): RetrievalHit {
  return {
    id: String(row.id),
    userId: String(row.user_id),
    kind: String(row.kind),
    text: String(row.content),
    score: Number(row.score),
  };
}
