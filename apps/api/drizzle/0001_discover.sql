ALTER TABLE "analyses" ADD COLUMN "site_key" varchar(500);--> statement-breakpoint
ALTER TABLE "analyses" ADD COLUMN "options" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "analyses" ADD COLUMN "competitors" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "analyses" ADD COLUMN "current_step" varchar(100);--> statement-breakpoint
ALTER TABLE "analyses" ADD COLUMN "pages_done" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "analyses" ADD COLUMN "pages_total" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "analyses" ADD COLUMN "summary" jsonb;--> statement-breakpoint
ALTER TABLE "analyses" ADD COLUMN "previous_analysis_id" uuid;--> statement-breakpoint
ALTER TABLE "analyses" ADD COLUMN "attempts" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "analyses" ADD COLUMN "idempotency_key" varchar(255);--> statement-breakpoint
ALTER TABLE "analyses" ADD COLUMN "request_hash" varchar(64);--> statement-breakpoint
ALTER TABLE "analyses" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "analyses" ADD CONSTRAINT "analyses_previous_analysis_id_analyses_id_fk" FOREIGN KEY ("previous_analysis_id") REFERENCES "public"."analyses"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "idx_analyses_user_site" ON "analyses" USING btree ("user_id","site_key","created_at");--> statement-breakpoint
CREATE INDEX "idx_analyses_status" ON "analyses" USING btree ("status");--> statement-breakpoint
CREATE UNIQUE INDEX "uq_analyses_user_idempotency" ON "analyses" USING btree ("user_id","idempotency_key");