import { and, asc, desc, eq, isNotNull, isNull, ne, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../store/database.js';
import { lwMessages, lwReactions } from '../schema.js';
import type { MessageRow, NewMessageRow } from './rows.js';
import { storable } from './storable.js';

/** Messages and threads. A ts is compared as a number: "1712.5" < "1712.000010" is false. */

const asNumber = (column: SQL | typeof lwMessages.ts) => sql`(${column})::numeric`;

/** Top-level messages: not a reply (a thread parent has thread_ts = ts). */
const topLevel = or(isNull(lwMessages.threadTs), eq(lwMessages.threadTs, lwMessages.ts));

export async function getMessage(db: Db, channelId: string, ts: string): Promise<MessageRow | undefined> {
  const [row] = await db
    .select()
    .from(lwMessages)
    .where(and(eq(lwMessages.channelId, channelId), eq(lwMessages.ts, ts)));
  return row;
}

/**
 * Stores a message; a visible reply also marks its parent as a thread and counts itself there,
 * in the same transaction, so reply_count never disagrees with the replies.
 */
export async function insertMessage(db: Db, row: NewMessageRow): Promise<{ message: MessageRow; parent?: MessageRow | undefined }> {
  return db.transaction(async (tx) => {
    const [message] = await tx.insert(lwMessages).values(storable(row)).returning();
    if (!row.threadTs || row.threadTs === row.ts || row.visibleTo) return { message: message! };
    const replier = row.userId ?? row.botId ?? '';
    const [parent] = await tx
      .update(lwMessages)
      .set({
        threadTs: sql`${lwMessages.ts}`,
        replyCount: sql`${lwMessages.replyCount} + 1`,
        latestReply: row.ts,
        replyUsers: sql`case when ${replier} = any(${lwMessages.replyUsers}) then ${lwMessages.replyUsers} else array_append(${lwMessages.replyUsers}, ${replier}::text) end`,
      })
      .where(and(eq(lwMessages.channelId, row.channelId), eq(lwMessages.ts, row.threadTs)))
      .returning();
    return { message: message!, parent };
  });
}

export async function updateMessage(db: Db, channelId: string, ts: string, patch: Partial<NewMessageRow>): Promise<MessageRow | undefined> {
  const [row] = await db
    .update(lwMessages)
    .set(storable(patch))
    .where(and(eq(lwMessages.channelId, channelId), eq(lwMessages.ts, ts)))
    .returning();
  return row;
}

/**
 * Deletes a message. A parent with replies stays as a tombstone (as in Slack) so its thread can
 * still be read; a deleted reply is uncounted from its parent.
 */
export async function deleteMessage(db: Db, message: MessageRow): Promise<{ tombstone?: MessageRow; parent?: MessageRow }> {
  return db.transaction(async (tx) => {
    const where = and(eq(lwMessages.channelId, message.channelId), eq(lwMessages.ts, message.ts));
    if (message.replyCount > 0) {
      const [tombstone] = await tx
        .update(lwMessages)
        .set({ subtype: 'tombstone', text: 'This message was deleted.', blocks: null, attachments: null, username: null, icons: null, metadata: null })
        .where(where)
        .returning();
      return { tombstone: tombstone! };
    }
    await tx.delete(lwMessages).where(where);
    await tx.delete(lwReactions).where(and(eq(lwReactions.channelId, message.channelId), eq(lwReactions.ts, message.ts)));
    if (!message.threadTs || message.threadTs === message.ts || message.visibleTo) return {};
    const [latest] = await tx
      .select({ ts: lwMessages.ts })
      .from(lwMessages)
      .where(replyFilter(message.channelId, message.threadTs))
      .orderBy(desc(asNumber(lwMessages.ts)))
      .limit(1);
    const [parent] = await tx
      .update(lwMessages)
      .set({ replyCount: sql`greatest(${lwMessages.replyCount} - 1, 0)`, latestReply: latest?.ts ?? null })
      .where(and(eq(lwMessages.channelId, message.channelId), eq(lwMessages.ts, message.threadTs)))
      .returning();
    return parent ? { parent } : {};
  });
}

function replyFilter(channelId: string, threadTs: string) {
  return and(eq(lwMessages.channelId, channelId), eq(lwMessages.threadTs, threadTs), ne(lwMessages.ts, threadTs), isNull(lwMessages.visibleTo));
}

export interface Window {
  /** Exclusive bounds unless inclusive; numbers as Slack ts strings. */
  latest?: string | undefined;
  oldest?: string | undefined;
  inclusive?: boolean;
  limit: number;
}

function bounds(w: Window): SQL[] {
  const out: SQL[] = [];
  if (w.latest) out.push(w.inclusive ? sql`${asNumber(lwMessages.ts)} <= ${w.latest}::numeric` : sql`${asNumber(lwMessages.ts)} < ${w.latest}::numeric`);
  if (w.oldest) out.push(w.inclusive ? sql`${asNumber(lwMessages.ts)} >= ${w.oldest}::numeric` : sql`${asNumber(lwMessages.ts)} > ${w.oldest}::numeric`);
  return out;
}

/** conversations.history: newest first, top-level only, never ephemeral. One extra row tells has_more. */
export async function history(db: Db, channelId: string, w: Window): Promise<{ messages: MessageRow[]; hasMore: boolean }> {
  const rows = await db
    .select()
    .from(lwMessages)
    .where(and(eq(lwMessages.channelId, channelId), topLevel, isNull(lwMessages.visibleTo), ...bounds(w)))
    .orderBy(desc(asNumber(lwMessages.ts)))
    .limit(w.limit + 1);
  return { messages: rows.slice(0, w.limit), hasMore: rows.length > w.limit };
}

/** A thread's replies, oldest first (the parent is fetched separately). */
export async function replies(db: Db, channelId: string, threadTs: string, w: Window): Promise<{ messages: MessageRow[]; hasMore: boolean }> {
  const rows = await db
    .select()
    .from(lwMessages)
    .where(and(replyFilter(channelId, threadTs), ...bounds(w)))
    .orderBy(asc(asNumber(lwMessages.ts)))
    .limit(w.limit + 1);
  return { messages: rows.slice(0, w.limit), hasMore: rows.length > w.limit };
}

/** Forgets every ephemeral message: they are shown to whoever is looking at the time, never read back. */
export async function deleteEphemerals(db: Db): Promise<void> {
  await db.delete(lwMessages).where(isNotNull(lwMessages.visibleTo));
}

/** The highest ts ever handed out, so a restarted clock continues after it. */
export async function latestTs(db: Db): Promise<string | undefined> {
  const [row] = await db
    .select({ ts: lwMessages.ts })
    .from(lwMessages)
    .orderBy(desc(asNumber(lwMessages.ts)))
    .limit(1);
  return row?.ts;
}
