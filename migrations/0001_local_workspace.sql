CREATE TABLE "lw_channel_members" (
	"channel_id" text NOT NULL,
	"user_id" text NOT NULL,
	"joined_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "lw_channel_members_channel_id_user_id_pk" PRIMARY KEY("channel_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "lw_channels" (
	"id" text PRIMARY KEY NOT NULL,
	"team_id" text NOT NULL,
	"name" text,
	"is_im" boolean DEFAULT false NOT NULL,
	"is_private" boolean DEFAULT false NOT NULL,
	"is_archived" boolean DEFAULT false NOT NULL,
	"is_general" boolean DEFAULT false NOT NULL,
	"im_key" text,
	"creator" text,
	"topic" text DEFAULT '' NOT NULL,
	"purpose" text DEFAULT '' NOT NULL,
	"created" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "lw_messages" (
	"channel_id" text NOT NULL,
	"ts" text NOT NULL,
	"thread_ts" text,
	"user_id" text,
	"bot_id" text,
	"app_id" text,
	"subtype" text,
	"username" text,
	"icons" jsonb,
	"text" text DEFAULT '' NOT NULL,
	"blocks" jsonb,
	"attachments" jsonb,
	"metadata" jsonb,
	"client_msg_id" text,
	"reply_count" integer DEFAULT 0 NOT NULL,
	"reply_users" text[] DEFAULT '{}'::text[] NOT NULL,
	"latest_reply" text,
	"edited" jsonb,
	"visible_to" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "lw_messages_channel_id_ts_pk" PRIMARY KEY("channel_id","ts")
);
--> statement-breakpoint
CREATE TABLE "lw_reactions" (
	"channel_id" text NOT NULL,
	"ts" text NOT NULL,
	"name" text NOT NULL,
	"user_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "lw_reactions_channel_id_ts_name_user_id_pk" PRIMARY KEY("channel_id","ts","name","user_id")
);
--> statement-breakpoint
CREATE TABLE "lw_response_urls" (
	"id" text PRIMARY KEY NOT NULL,
	"channel_id" text NOT NULL,
	"user_id" text NOT NULL,
	"message_ts" text,
	"from_command" boolean DEFAULT false NOT NULL,
	"thread_ts" text,
	"uses" integer DEFAULT 0 NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "lw_team" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"domain" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "lw_tokens" (
	"token" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "lw_users" (
	"id" text PRIMARY KEY NOT NULL,
	"team_id" text NOT NULL,
	"name" text NOT NULL,
	"real_name" text NOT NULL,
	"is_bot" boolean DEFAULT false NOT NULL,
	"bot_id" text,
	"app_id" text,
	"agent_id" text,
	"icon" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "lw_views" (
	"id" text PRIMARY KEY NOT NULL,
	"team_id" text NOT NULL,
	"user_id" text NOT NULL,
	"type" text NOT NULL,
	"app_id" text NOT NULL,
	"bot_id" text NOT NULL,
	"definition" jsonb NOT NULL,
	"state" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"hash" text NOT NULL,
	"external_id" text,
	"root_view_id" text,
	"previous_view_id" text,
	"stack_position" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "lw_channel_members_user_idx" ON "lw_channel_members" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "lw_channels_name_uq" ON "lw_channels" USING btree ("name");--> statement-breakpoint
CREATE UNIQUE INDEX "lw_channels_im_key_uq" ON "lw_channels" USING btree ("im_key");--> statement-breakpoint
CREATE INDEX "lw_messages_thread_idx" ON "lw_messages" USING btree ("channel_id","thread_ts","ts");--> statement-breakpoint
CREATE UNIQUE INDEX "lw_users_bot_id_uq" ON "lw_users" USING btree ("bot_id");--> statement-breakpoint
CREATE UNIQUE INDEX "lw_users_agent_id_uq" ON "lw_users" USING btree ("agent_id");--> statement-breakpoint
CREATE UNIQUE INDEX "lw_views_external_id_uq" ON "lw_views" USING btree ("external_id");--> statement-breakpoint
CREATE UNIQUE INDEX "lw_views_home_uq" ON "lw_views" USING btree ("user_id","app_id") WHERE "lw_views"."type" = 'home';--> statement-breakpoint
CREATE INDEX "lw_views_user_idx" ON "lw_views" USING btree ("user_id","stack_position");