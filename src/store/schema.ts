import { sql } from 'drizzle-orm';
import { bigserial, boolean, date, index, integer, jsonb, numeric, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import type { ProtocolMessage } from '../protocol/message.js';

/** Every Slack event we accepted. The primary key is what makes a Slack retry a no-op. */
export const slackEvents = pgTable('slack_events', {
  eventId: text('event_id').primaryKey(),
  type: text('type').notNull(),
  teamId: text('team_id'),
  receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
});

/** One conversation per Slack thread (channel, root ts). */
export const conversations = pgTable(
  'conversations',
  {
    id: text('id').primaryKey(),
    channelId: text('channel_id').notNull(),
    threadTs: text('thread_ts').notNull(),
    /** Agent turns since the last human message (the loop guard's turn budget). */
    agentTurnsSinceHuman: integer('agent_turns_since_human').notNull().default(0),
    agentTurns: integer('agent_turns').notNull().default(0),
    spendUsd: numeric('spend_usd', { precision: 12, scale: 6, mode: 'number' }).notNull().default(0),
    /** Set when the thread was told it reached its budget; cleared when a human speaks again. */
    budgetNoticeAt: timestamp('budget_notice_at', { withTimezone: true }),
    /**
     * The thread's earlier messages, from before the department saw it, read from Slack once
     * (conversations.replies): started marks the worker reading them (a lease), fetched that they are stored.
     */
    historyFetchStartedAt: timestamp('history_fetch_started_at', { withTimezone: true }),
    historyFetchedAt: timestamp('history_fetched_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('conversations_thread_uq').on(t.channelId, t.threadTs)],
);

/** The thread history mirrored as it flows: human messages and agent protocol records. */
export const messages = pgTable(
  'messages',
  {
    id: text('id').primaryKey(),
    /** Write order: a thread reads in this order, even for messages written in one transaction. */
    seq: bigserial('seq', { mode: 'number' }).notNull(),
    conversationId: text('conversation_id')
      .notNull()
      .references(() => conversations.id),
    channelId: text('channel_id').notNull(),
    /** Slack ts once posted (agents) or as received (humans). */
    ts: text('ts'),
    /**
     * An agent message's post reservation: set (before the chat.postMessage call) once a post of it
     * may have reached Slack, cleared when Slack refused it. Reserved with no ts after a crash means
     * "look in the thread before posting again" (its protocol id is in the message metadata).
     */
    postStartedAt: timestamp('post_started_at', { withTimezone: true }),
    authorKind: text('author_kind', { enum: ['human', 'agent', 'system'] }).notNull(),
    /** Slack user id for humans, agent id for agents. */
    authorId: text('author_id').notNull(),
    toAgents: text('to_agents').array().notNull().default(sql`'{}'::text[]`),
    type: text('type').notNull(),
    text: text('text').notNull(),
    protocol: jsonb('protocol').$type<ProtocolMessage>(),
    eventId: text('event_id'),
    /** The delivery whose turn wrote this message: a re-run turn finds its own posts. */
    sourceDeliveryId: text('source_delivery_id'),
    /** Deleted in Slack: kept (deliveries point at it) but no longer part of the thread's history. */
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('messages_channel_ts_uq').on(t.channelId, t.ts),
    index('messages_conversation_seq_idx').on(t.conversationId, t.seq),
  ],
);

/**
 * The outbox: one row per (message, target agent). Its id is what travels on the bus.
 * 'held' rows belong to an agent message not yet visible in Slack; they turn 'pending' once it is.
 */
export const deliveries = pgTable(
  'deliveries',
  {
    id: text('id').primaryKey(),
    messageId: text('message_id')
      .notNull()
      .references(() => messages.id),
    conversationId: text('conversation_id')
      .notNull()
      .references(() => conversations.id),
    agentId: text('agent_id').notNull(),
    status: text('status', { enum: ['held', 'pending', 'running', 'done', 'skipped', 'failed'] })
      .notNull()
      .default('pending'),
    attempts: integer('attempts').notNull().default(0),
    claimedAt: timestamp('claimed_at', { withTimezone: true }),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    outcome: text('outcome'),
    /** Not to be claimed before this time: the model's API asked us to wait (retry-after). */
    notBefore: timestamp('not_before', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('deliveries_message_agent_uq').on(t.messageId, t.agentId),
    index('deliveries_status_idx').on(t.status, t.createdAt),
  ],
);

/** Every model call: who, which model, tokens, cache use and cost. */
export const llmCalls = pgTable(
  'llm_calls',
  {
    id: text('id').primaryKey(),
    agentId: text('agent_id').notNull(),
    conversationId: text('conversation_id'),
    deliveryId: text('delivery_id'),
    model: text('model').notNull(),
    rehearsal: boolean('rehearsal').notNull().default(false),
    inputTokens: integer('input_tokens').notNull(),
    outputTokens: integer('output_tokens').notNull(),
    cacheCreationTokens: integer('cache_creation_tokens').notNull().default(0),
    cacheReadTokens: integer('cache_read_tokens').notNull().default(0),
    costUsd: numeric('cost_usd', { precision: 12, scale: 6, mode: 'number' }).notNull(),
    latencyMs: integer('latency_ms').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  // By delivery: a re-run turn checks whether its turn was recorded already.
  (t) => [index('llm_calls_agent_day_idx').on(t.agentId, t.createdAt), index('llm_calls_delivery_idx').on(t.deliveryId)],
);

/**
 * Deliveries holding one of their thread's agent turns: taken with the claim, before the model is
 * asked, and given back when the turn posts nothing. Kept apart from deliveries so the claim,
 * which updates the delivery's row, can take it in the same statement.
 */
export const turnReservations = pgTable('turn_reservations', {
  deliveryId: text('delivery_id')
    .primaryKey()
    .references(() => deliveries.id),
  conversationId: text('conversation_id').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Model spend per agent per department day (in the department's timezone): the daily budgets
 * are checked against it in the same statement that reserves a turn, so every worker process
 * sees the same total.
 */
export const spendDays = pgTable(
  'spend_days',
  {
    day: date('day', { mode: 'string' }).notNull(),
    agentId: text('agent_id').notNull(),
    usd: numeric('usd', { precision: 12, scale: 6, mode: 'number' }).notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.day, t.agentId] })],
);

export * from './work-schema.js';
export * from '../workflows/workflow-schema.js';
export * from './publication-schema.js';
