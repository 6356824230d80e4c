CREATE TABLE "token_usage" (
	"user_id" uuid NOT NULL,
	"day" date NOT NULL,
	"tokens" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "token_usage_user_id_day_pk" PRIMARY KEY("user_id","day")
);
--> statement-breakpoint
ALTER TABLE "token_usage" ADD CONSTRAINT "token_usage_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Retrieval over full-text search (src/ai/retrieval/fts.ts), on every database. Written by hand:
-- the table is queried with raw SQL, not through the Drizzle schema. user_id is a uuid with a
-- cascade (FTS_DDL has text) so a deleted user's documents go with them.
CREATE TABLE IF NOT EXISTS "ai_documents_fts" (
	"id" text PRIMARY KEY,
	"user_id" uuid NOT NULL REFERENCES "public"."users"("id") ON DELETE cascade,
	"kind" text NOT NULL,
	"content" text NOT NULL,
	"tsv" tsvector GENERATED ALWAYS AS (to_tsvector('english', content)) STORED,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "ai_documents_fts_user_idx" ON "ai_documents_fts" ("user_id", "kind");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "ai_documents_fts_tsv_idx" ON "ai_documents_fts" USING gin ("tsv");
