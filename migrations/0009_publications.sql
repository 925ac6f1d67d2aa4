CREATE TABLE "publications" (
	"id" text PRIMARY KEY NOT NULL,
	"deliverable_id" text NOT NULL,
	"version" integer NOT NULL,
	"title" text NOT NULL,
	"content_type" text NOT NULL,
	"content" text NOT NULL,
	"author" text NOT NULL,
	"approved_by" text,
	"conversation_id" text NOT NULL,
	"rehearsal" boolean DEFAULT false NOT NULL,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL,
	"announce_started_at" timestamp with time zone,
	"announce_channel_id" text,
	"announce_ts" text,
	"webhook_started_at" timestamp with time zone,
	"webhook_status" text,
	"webhook_detail" text
);
--> statement-breakpoint
CREATE UNIQUE INDEX "publications_version_uq" ON "publications" USING btree ("deliverable_id","version");--> statement-breakpoint
CREATE INDEX "publications_published_idx" ON "publications" USING btree ("published_at");