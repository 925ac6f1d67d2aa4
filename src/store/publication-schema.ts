import { boolean, index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

export const WEBHOOK_STATUSES = ['sent', 'failed'] as const;

/**
 * The department's library: one row per published version of a deliverable, holding what was
 * published as it was (the deliverable may be revised later). The unique (deliverable, version)
 * makes publishing idempotent; the announcement and the webhook each have a start (a claim, so a
 * re-run does not repeat them) and an outcome.
 */
export const publications = pgTable(
  'publications',
  {
    id: text('id').primaryKey(),
    /**
     * No foreign key: a publication holds what was published, whole, and stands on its own (as
     * escalations.deliverable_id does); tests and tools that clear deliverables need not know of it.
     */
    deliverableId: text('deliverable_id').notNull(),
    version: integer('version').notNull(),
    title: text('title').notNull(),
    contentType: text('content_type').notNull(),
    /** Markdown, whole. */
    content: text('content').notNull(),
    /** Agent id of the author. */
    author: text('author').notNull(),
    /** Slack user id of the person who approved it; null when its autonomy level needed nobody (L4). */
    approvedBy: text('approved_by'),
    conversationId: text('conversation_id').notNull(),
    /** Written by the offline rehearsal model: labelled, and never sent to the webhook. */
    rehearsal: boolean('rehearsal').notNull().default(false),
    publishedAt: timestamp('published_at', { withTimezone: true }).notNull().defaultNow(),
    /** The post in the published channel: reserved before chat.postMessage, its ts once Slack took it. */
    announceStartedAt: timestamp('announce_started_at', { withTimezone: true }),
    announceChannelId: text('announce_channel_id'),
    announceTs: text('announce_ts'),
    /** The publishing webhook: null until it answered (or never, without PUBLISH_WEBHOOK_URL). */
    webhookStartedAt: timestamp('webhook_started_at', { withTimezone: true }),
    webhookStatus: text('webhook_status', { enum: WEBHOOK_STATUSES }),
    /** "HTTP 200", or why it failed ("HTTP 503 after 4 attempts", "timed out after 10 s"). */
    webhookDetail: text('webhook_detail'),
  },
  (t) => [uniqueIndex('publications_version_uq').on(t.deliverableId, t.version), index('publications_published_idx').on(t.publishedAt)],
);
