CREATE TABLE "thread_summaries" (
	"conversation_id" text NOT NULL,
	"through_seq" bigint NOT NULL,
	"message_count" integer NOT NULL,
	"text" text NOT NULL,
	"model" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "thread_summaries_conversation_id_through_seq_pk" PRIMARY KEY("conversation_id","through_seq")
);
