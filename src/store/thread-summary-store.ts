import { and, asc, desc, eq, gt, isNull, lt } from 'drizzle-orm';
import type { Db } from './database.js';
import { messages } from './schema.js';
import type { MessageRow } from './store.js';
import { threadSummaries } from './thread-summary-schema.js';

export type ThreadSummary = typeof threadSummaries.$inferSelect;

/**
 * The latest summary of a conversation, with its coverage (through_seq, message_count); with
 * `before`, the latest that ends before that message seq. Null when the thread was never long.
 */
export async function latestThreadSummary(db: Db, conversationId: string, before?: number): Promise<ThreadSummary | null> {
  const [row] = await db
    .select()
    .from(threadSummaries)
    .where(and(eq(threadSummaries.conversationId, conversationId), before === undefined ? undefined : lt(threadSummaries.throughSeq, before)))
    .orderBy(desc(threadSummaries.throughSeq))
    .limit(1);
  return row ?? null;
}

/** Stores a summary; when another turn stored one of the same coverage first, that one is returned (the thread reads one text). */
export async function saveThreadSummary(db: Db, s: Omit<ThreadSummary, 'createdAt'>): Promise<ThreadSummary> {
  const [mine] = await db.insert(threadSummaries).values(s).onConflictDoNothing().returning();
  if (mine) return mine;
  const [theirs] = await db
    .select()
    .from(threadSummaries)
    .where(and(eq(threadSummaries.conversationId, s.conversationId), eq(threadSummaries.throughSeq, s.throughSeq)));
  return theirs!;
}

/** A conversation's messages after seq `after` and before seq `before`, oldest first. */
export function messagesBetween(db: Db, conversationId: string, after: number, before: number): Promise<MessageRow[]> {
  return db
    .select()
    .from(messages)
    .where(and(eq(messages.conversationId, conversationId), gt(messages.seq, after), lt(messages.seq, before), isNull(messages.deletedAt)))
    .orderBy(asc(messages.seq));
}
