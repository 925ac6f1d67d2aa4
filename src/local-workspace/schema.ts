import { sql } from 'drizzle-orm';
import { bigint, boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/**
 * The local workspace's own state: a small Slack-compatible world (team, people, bots, channels,
 * messages, views) kept in the department's database so it survives restarts. Every table is
 * prefixed lw_ so it can never be mistaken for the department's own tables.
 */

/** The one workspace (team) this server simulates. */
export const lwTeam = pgTable('lw_team', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  domain: text('domain').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** People and bot users. Bot users carry their bot id and app id; agent bots name their agent. */
export const lwUsers = pgTable(
  'lw_users',
  {
    id: text('id').primaryKey(),
    teamId: text('team_id').notNull(),
    /** Slack's `name` (a handle-like login, e.g. "alex.rivera"). */
    name: text('name').notNull(),
    realName: text('real_name').notNull(),
    isBot: boolean('is_bot').notNull().default(false),
    botId: text('bot_id'),
    appId: text('app_id'),
    /** Set for a dedicated agent bot user. */
    agentId: text('agent_id'),
    /** ":emoji:" or an http(s) image URL. */
    icon: text('icon'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('lw_users_bot_id_uq').on(t.botId), uniqueIndex('lw_users_agent_id_uq').on(t.agentId)],
);

/** Tokens this server issued (bot tokens only: there are no user logins). */
export const lwTokens = pgTable('lw_tokens', {
  token: text('token').primaryKey(),
  userId: text('user_id').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Public channels and DMs (is_im, with the other person in imUser). */
export const lwChannels = pgTable(
  'lw_channels',
  {
    id: text('id').primaryKey(),
    teamId: text('team_id').notNull(),
    /** Null for DMs. */
    name: text('name'),
    isIm: boolean('is_im').notNull().default(false),
    isPrivate: boolean('is_private').notNull().default(false),
    isArchived: boolean('is_archived').notNull().default(false),
    isGeneral: boolean('is_general').notNull().default(false),
    /** For a DM: its two members, sorted, so one pair has one DM. */
    imKey: text('im_key'),
    creator: text('creator'),
    topic: text('topic').notNull().default(''),
    purpose: text('purpose').notNull().default(''),
    /** Unix seconds, as Slack reports `created`. */
    created: bigint('created', { mode: 'number' }).notNull(),
  },
  (t) => [uniqueIndex('lw_channels_name_uq').on(t.name), uniqueIndex('lw_channels_im_key_uq').on(t.imKey)],
);

export const lwChannelMembers = pgTable(
  'lw_channel_members',
  {
    channelId: text('channel_id').notNull(),
    userId: text('user_id').notNull(),
    joinedAt: timestamp('joined_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.channelId, t.userId] }), index('lw_channel_members_user_idx').on(t.userId)],
);

/** Messages, thread replies and ephemeral messages (visibleTo set: only that person sees it). */
export const lwMessages = pgTable(
  'lw_messages',
  {
    channelId: text('channel_id').notNull(),
    /** "seconds.microseconds", unique per channel and strictly increasing. */
    ts: text('ts').notNull(),
    threadTs: text('thread_ts'),
    userId: text('user_id'),
    botId: text('bot_id'),
    appId: text('app_id'),
    subtype: text('subtype'),
    /** chat:write.customize overrides: the persona's name and icon for this one message. */
    username: text('username'),
    icons: jsonb('icons').$type<Record<string, string>>(),
    text: text('text').notNull().default(''),
    blocks: jsonb('blocks').$type<unknown[]>(),
    attachments: jsonb('attachments').$type<unknown[]>(),
    metadata: jsonb('metadata').$type<{ event_type: string; event_payload: Record<string, unknown> }>(),
    clientMsgId: text('client_msg_id'),
    replyCount: integer('reply_count').notNull().default(0),
    replyUsers: text('reply_users')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    latestReply: text('latest_reply'),
    edited: jsonb('edited').$type<{ user: string; ts: string }>(),
    /** Ephemeral: the only person who sees it. Never returned by the Web API. */
    visibleTo: text('visible_to'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.channelId, t.ts] }), index('lw_messages_thread_idx').on(t.channelId, t.threadTs, t.ts)],
);

export const lwReactions = pgTable(
  'lw_reactions',
  {
    channelId: text('channel_id').notNull(),
    ts: text('ts').notNull(),
    name: text('name').notNull(),
    userId: text('user_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.channelId, t.ts, t.name, t.userId] })],
);

/** Modals (a stack per person: open ones have a position) and each person's App Home. */
export const lwViews = pgTable(
  'lw_views',
  {
    id: text('id').primaryKey(),
    teamId: text('team_id').notNull(),
    userId: text('user_id').notNull(),
    type: text('type', { enum: ['modal', 'home'] }).notNull(),
    appId: text('app_id').notNull(),
    botId: text('bot_id').notNull(),
    /** The view as the app defined it (blocks with block_ids and action_ids filled in). */
    definition: jsonb('definition').$type<Record<string, unknown>>().notNull(),
    /** state.values as the person left the inputs. */
    state: jsonb('state').$type<Record<string, Record<string, unknown>>>().notNull().default({}),
    hash: text('hash').notNull(),
    externalId: text('external_id'),
    rootViewId: text('root_view_id'),
    previousViewId: text('previous_view_id'),
    /** Place in the person's modal stack (0 = bottom); null once closed. Homes are always null. */
    stackPosition: integer('stack_position'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('lw_views_external_id_uq').on(t.externalId),
    uniqueIndex('lw_views_home_uq')
      .on(t.userId, t.appId)
      .where(sql`${t.type} = 'home'`),
    index('lw_views_user_idx').on(t.userId, t.stackPosition),
  ],
);

/** response_url hooks handed to the app with slash commands and message interactions. */
export const lwResponseUrls = pgTable('lw_response_urls', {
  id: text('id').primaryKey(),
  channelId: text('channel_id').notNull(),
  userId: text('user_id').notNull(),
  /** The message the interaction came from (replace_original / delete_original act on it). */
  messageTs: text('message_ts'),
  /** A slash command's URL: replace_original acts on its latest response instead. */
  fromCommand: boolean('from_command').notNull().default(false),
  threadTs: text('thread_ts'),
  uses: integer('uses').notNull().default(0),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
});
