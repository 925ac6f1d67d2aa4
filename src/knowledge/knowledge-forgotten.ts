import { inArray, sql } from 'drizzle-orm';
import { pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import type { Db } from '../store/database.js';

/** What a person told the department to forget: the sources never bring it back. */
export const knowledgeForgotten = pgTable('knowledge_forgotten', {
  id: text('id').primaryKey(),
  /** Slack user id of the approver. */
  forgottenBy: text('forgotten_by').notNull(),
  forgottenAt: timestamp('forgotten_at', { withTimezone: true }).notNull().defaultNow(),
});

export async function markForgotten(db: Db, id: string, by: string): Promise<void> {
  await db.insert(knowledgeForgotten).values({ id, forgottenBy: by }).onConflictDoUpdate({ target: knowledgeForgotten.id, set: { forgottenBy: by, forgottenAt: sql`now()` } });
}

/** The ids among these that were forgotten. */
export async function forgottenAmong(db: Db, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.select({ id: knowledgeForgotten.id }).from(knowledgeForgotten).where(inArray(knowledgeForgotten.id, ids));
  return new Set(rows.map((r) => r.id));
}
