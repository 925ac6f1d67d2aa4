CREATE TABLE "knowledge_forgotten" (
	"id" text PRIMARY KEY NOT NULL,
	"forgotten_by" text NOT NULL,
	"forgotten_at" timestamp with time zone DEFAULT now() NOT NULL
);
