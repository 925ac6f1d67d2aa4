CREATE TABLE "cards" (
	"id" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"ref_id" text NOT NULL,
	"agent_id" text NOT NULL,
	"conversation_id" text NOT NULL,
	"channel" text NOT NULL,
	"thread_ts" text,
	"channel_id" text,
	"ts" text,
	"post_started_at" timestamp with time zone,
	"source_delivery_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "escalations" ADD COLUMN "outcome" text;--> statement-breakpoint
ALTER TABLE "escalations" ADD COLUMN "rehearsal" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "escalations" ADD COLUMN "deliverable_id" text;--> statement-breakpoint
ALTER TABLE "escalations" ADD COLUMN "version" integer;--> statement-breakpoint
CREATE INDEX "cards_ref_idx" ON "cards" USING btree ("ref_id");--> statement-breakpoint
CREATE INDEX "cards_delivery_idx" ON "cards" USING btree ("source_delivery_id");--> statement-breakpoint
CREATE INDEX "llm_calls_delivery_idx" ON "llm_calls" USING btree ("delivery_id");