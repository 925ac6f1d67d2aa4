CREATE TABLE "knowledge" (
	"id" text PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"title" text NOT NULL,
	"text" text NOT NULL,
	"source" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"permalink" text,
	"conversation_id" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"search" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('english', "knowledge"."title"), 'A') || setweight(to_tsvector('english', "knowledge"."text"), 'D')) STORED NOT NULL
);
--> statement-breakpoint
CREATE INDEX "knowledge_search_idx" ON "knowledge" USING gin ("search") WITH (fastupdate=false);--> statement-breakpoint
CREATE INDEX "knowledge_type_created_idx" ON "knowledge" USING btree ("type","created_at");