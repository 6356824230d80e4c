DROP INDEX "idx_action_items_strategy";--> statement-breakpoint
ALTER TABLE "action_items" ADD COLUMN "position" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "action_items" ADD COLUMN "notes" text;--> statement-breakpoint
ALTER TABLE "action_items" ADD COLUMN "recommendation_id" varchar(100);--> statement-breakpoint
ALTER TABLE "action_items" ADD COLUMN "verification" jsonb;--> statement-breakpoint
ALTER TABLE "action_items" ADD COLUMN "verification_status" varchar(20) DEFAULT 'unverified' NOT NULL;--> statement-breakpoint
ALTER TABLE "action_items" ADD COLUMN "verified_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "action_items" ADD COLUMN "verified_by_analysis_id" uuid;--> statement-breakpoint
ALTER TABLE "action_items" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "action_items" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "strategies" ADD COLUMN "generated_by" varchar(20) DEFAULT 'engine' NOT NULL;--> statement-breakpoint
ALTER TABLE "strategies" ADD COLUMN "metadata" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "action_items" ADD CONSTRAINT "action_items_verified_by_analysis_id_analyses_id_fk" FOREIGN KEY ("verified_by_analysis_id") REFERENCES "public"."analyses"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "idx_strategies_analysis" ON "strategies" USING btree ("analysis_id");--> statement-breakpoint
CREATE INDEX "idx_action_items_strategy" ON "action_items" USING btree ("strategy_id","position");