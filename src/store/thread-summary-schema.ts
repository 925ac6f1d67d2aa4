import { bigint, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/*
 * Summaries of long threads' older messages (src/agents/thread-summary.ts). One row per coverage,
 * never updated: the key (conversation, through_seq) lets two turns that summarise the same
 * messages at once store one of them (insert … on conflict do nothing); a turn answering an older
 * message still finds the summary that ends before its window; and the latest row is what the
 * knowledge base reads when the thread goes quiet.
 */
export const threadSummaries = pgTable(
  'thread_summaries',
  {
    conversationId: text('conversation_id').notNull(),
    /** The seq of the last message the summary covers: every earlier message is in it. */
    throughSeq: bigint('through_seq', { mode: 'number' }).notNull(),
    /** How many messages it covers, from the thread's opening. */
    messageCount: integer('message_count').notNull(),
    text: text('text').notNull(),
    /** The model that wrote it (rehearsal-offline for the extractive stand-in). */
    model: text('model').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.conversationId, t.throughSeq] })],
);
