ALTER TABLE "analyses" ALTER COLUMN "website_url" SET DATA TYPE varchar(2048);--> statement-breakpoint
ALTER TABLE "analyses" ALTER COLUMN "site_key" SET DATA TYPE varchar(2048);--> statement-breakpoint
ALTER TABLE "business_profiles" ALTER COLUMN "website_url" SET DATA TYPE varchar(2048);