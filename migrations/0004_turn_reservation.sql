CREATE TABLE "spend_days" (
	"day" date NOT NULL,
	"agent_id" text NOT NULL,
	"usd" numeric(12, 6) DEFAULT 0 NOT NULL,
	CONSTRAINT "spend_days_day_agent_id_pk" PRIMARY KEY("day","agent_id")
);
--> statement-breakpoint
ALTER TABLE "deliveries" ADD COLUMN "turn_reserved" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "deliveries" ADD COLUMN "not_before" timestamp with time zone;