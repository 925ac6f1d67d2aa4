import { and, inArray, isNotNull, sql } from 'drizzle-orm';
import type { ThreadPoster } from '../agents/ports.js';
import type { Department } from '../department/schema.js';
import type { Db } from '../store/database.js';
import { threadOpeningCtes } from '../store/thread-opening-statement.js';
import { rowsOf } from '../store/rows.js';
import { messages } from '../store/schema.js';
import { workflowMessageId } from '../workflows/workflow-posts.js';
import type { MeetingRow, MeetingStore } from './meeting-store.js';

export interface MeetingThread {
  channelId: string;
  threadTs: string;
  conversationId: string;
}

/**
 * The meeting's thread in the standup channel: the one on record, the one a process that died
 * before recording it had posted (found by its key in Slack), or a new one opened by the lead.
 * Its opening is the thread's first message on record, and the meeting row links to it.
 */
export async function meetingThread(
  deps: { db: Db; poster: ThreadPoster; meetings: MeetingStore; department: Department },
  meeting: MeetingRow,
  leadId: string,
  opening: string,
): Promise<MeetingThread> {
  if (meeting.channelId && meeting.threadTs && meeting.conversationId) return { channelId: meeting.channelId, threadTs: meeting.threadTs, conversationId: meeting.conversationId };
  const where = { channel: `#${deps.department.file.channels.standup}`, key: `meeting:${meeting.id}`, since: meeting.startedAt };
  let root = await deps.poster.findThread(where).catch(() => null);
  root ??= await deps.poster.startThread({ agentId: leadId, channel: where.channel, text: opening, key: where.key });
  if (!root) throw new Error(`could not open the meeting thread in ${where.channel}`);
  const [row] = rowsOf<{ id: string }>(
    await deps.db.execute(sql`
      ${threadOpeningCtes({ channelId: root.channelId, ts: root.ts, agentId: leadId, text: opening, messageId: workflowMessageId(meeting.id, 'opening') })}
      select id from c`),
  );
  const thread = { channelId: root.channelId, threadTs: root.ts, conversationId: row!.id };
  await deps.meetings.attachThread(meeting.id, thread);
  return thread;
}

/** The text of a meeting post already in Slack (it has a ts), or null. */
export async function postedText(db: Db, meetingId: string, key: string): Promise<string | null> {
  return (await postedTexts(db, meetingId, [key])).get(key) ?? null;
}

/** The texts of those of the meeting's posts already in Slack, by key, in one query. */
export async function postedTexts(db: Db, meetingId: string, keys: string[]): Promise<Map<string, string>> {
  if (keys.length === 0) return new Map();
  const keyOf = new Map(keys.map((key) => [workflowMessageId(meetingId, key), key]));
  const rows = await db
    .select({ id: messages.id, text: messages.text })
    .from(messages)
    .where(and(inArray(messages.id, [...keyOf.keys()]), isNotNull(messages.ts)));
  return new Map(rows.map((r) => [keyOf.get(r.id)!, r.text]));
}
