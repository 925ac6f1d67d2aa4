CREATE TABLE "meetings" (
	"id" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"local_date" date NOT NULL,
	"state" text DEFAULT 'running' NOT NULL,
	"trigger" text NOT NULL,
	"started_by" text,
	"lead" text NOT NULL,
	"scheduled_for" timestamp with time zone,
	"channel_id" text,
	"thread_ts" text,
	"conversation_id" text,
	"summary" text,
	"outcome" text,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"lease_until" timestamp with time zone
);
--> statement-breakpoint
CREATE UNIQUE INDEX "meetings_kind_day_uq" ON "meetings" USING btree ("kind","local_date");--> statement-breakpoint
CREATE INDEX "meetings_started_at_idx" ON "meetings" USING btree ("started_at");