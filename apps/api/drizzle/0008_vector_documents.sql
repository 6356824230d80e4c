-- pgvector's table for retrieval, only where the `vector` extension is available (PGlite ships it;
-- a PostgreSQL server without it keeps using ai_documents_fts from 0003, and this is a no-op).
-- The column has no fixed dimension, so one migration serves every EMBEDDING_MODEL: each row
-- records its model and vector length, a CHECK keeps the length true, and the API checks every
-- vector against EMBEDDING_DIMENSIONS before storing or searching. Search compares only rows of
-- the configured model. (An HNSW index needs a fixed dimension; per-owner scans do without one.)
-- Before this migration the API created ai_documents at start-up sized by a probe, without the
-- model: its texts move to the full-text table (which now always holds every document) and its
-- vectors, of unknown origin, are dropped; documents are embedded again as they are re-indexed.
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'vector') THEN
    EXECUTE 'CREATE EXTENSION IF NOT EXISTS vector';
    IF to_regclass('ai_documents') IS NOT NULL THEN
      EXECUTE 'INSERT INTO ai_documents_fts (id, user_id, kind, content)
        SELECT d.id, u.id, d.kind, d.content FROM ai_documents d JOIN users u ON u.id::text = d.user_id::text
        ON CONFLICT (id) DO NOTHING';
      EXECUTE 'DROP TABLE ai_documents';
    END IF;
    EXECUTE 'CREATE TABLE ai_documents (
      id text PRIMARY KEY,
      user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      kind text NOT NULL,
      content text NOT NULL,
      model text NOT NULL,
      dimensions integer NOT NULL CHECK (dimensions > 0),
      embedding vector NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT ai_documents_vector_length_check CHECK (vector_dims(embedding) = dimensions)
    )';
    EXECUTE 'CREATE INDEX ai_documents_user_idx ON ai_documents (user_id, model, kind)';
  END IF;
END $$;
