CREATE TABLE "workflow_runs" (
	"id" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"conversation_id" text NOT NULL,
	"channel_id" text NOT NULL,
	"thread_ts" text NOT NULL,
	"coordinator" text NOT NULL,
	"brief" jsonb NOT NULL,
	"status" text DEFAULT 'running' NOT NULL,
	"step" text,
	"holder" text,
	"waiting" jsonb,
	"status_ts" text,
	"driving_until" timestamp with time zone,
	"wake_requested" boolean DEFAULT false NOT NULL,
	"outcome" text,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "workflow_steps" (
	"run_id" text NOT NULL,
	"key" text NOT NULL,
	"step" text NOT NULL,
	"agent_id" text,
	"delivery_id" text,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"outcome" text,
	CONSTRAINT "workflow_steps_run_id_key_pk" PRIMARY KEY("run_id","key")
);
--> statement-breakpoint
ALTER TABLE "approval_requests" ADD COLUMN "workflow_run_id" text;--> statement-breakpoint
ALTER TABLE "escalations" ADD COLUMN "workflow_run_id" text;--> statement-breakpoint
CREATE UNIQUE INDEX "workflow_runs_live_thread_uq" ON "workflow_runs" USING btree ("conversation_id") WHERE status in ('running', 'waiting');--> statement-breakpoint
CREATE INDEX "workflow_runs_status_idx" ON "workflow_runs" USING btree ("status");