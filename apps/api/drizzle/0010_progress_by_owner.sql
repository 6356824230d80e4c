DROP INDEX "idx_analyses_status";--> statement-breakpoint
ALTER TABLE "analyses" ADD COLUMN "compared" boolean GENERATED ALWAYS AS (coalesce(results ? 'comparison', false)) STORED NOT NULL;--> statement-breakpoint
CREATE INDEX "idx_analyses_unfinished" ON "analyses" USING btree ("status") WHERE status in ('pending', 'running');