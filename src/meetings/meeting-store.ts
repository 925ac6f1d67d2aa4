import { and, desc, eq, lt, sql } from 'drizzle-orm';
import type { Db } from '../store/database.js';
import { newId } from '../store/ids.js';
import { meetings, type MEETING_TRIGGERS } from './meeting-schema.js';

export type MeetingRow = typeof meetings.$inferSelect;
export type MeetingTrigger = (typeof MEETING_TRIGGERS)[number];

export interface MeetingClaim {
  kind: string;
  /** YYYY-MM-DD in the department's time zone. */
  localDate: string;
  trigger: MeetingTrigger;
  lead: string;
  startedBy?: string;
  scheduledFor?: Date;
  leaseMs?: number;
}

/** Long enough for a whole meeting between renewals; short enough that a dead process's meeting is taken over the same morning. */
export const MEETING_LEASE_MS = 5 * 60_000;

/*
 * Leases are computed and compared on the database's clock (processes' clocks may differ) and cut
 * to milliseconds, so the lease a caller read back compares exactly: it is the holder's token.
 */
const leaseFor = (ms: number) => sql`date_trunc('milliseconds', now() + ${ms}::double precision * interval '1 millisecond')`;

/** The meetings table: who runs which meeting, and what came of it. */
export class MeetingStore {
  constructor(private readonly db: Db) {}

  /** The new running meeting, or the one already recorded for that kind and day (of racing callers, one wins). */
  async claim(input: MeetingClaim): Promise<MeetingRow | { taken: MeetingRow }> {
    const [created] = await this.db
      .insert(meetings)
      .values({
        id: newId('mtg'),
        kind: input.kind,
        localDate: input.localDate,
        trigger: input.trigger,
        lead: input.lead,
        startedBy: input.startedBy ?? null,
        scheduledFor: input.scheduledFor ?? null,
        leaseUntil: leaseFor(input.leaseMs ?? MEETING_LEASE_MS),
      })
      .onConflictDoNothing({ target: [meetings.kind, meetings.localDate] })
      .returning();
    if (created) return created;
    // The conflicting insert has committed (ON CONFLICT waits for it), so it is there to read.
    const [existing] = await this.db
      .select()
      .from(meetings)
      .where(and(eq(meetings.kind, input.kind), eq(meetings.localDate, input.localDate)));
    return { taken: existing! };
  }

  /** A running meeting whose holder's lease ran out, now held by the caller; null when it is not to be taken. */
  async takeOver(id: string, leaseMs = MEETING_LEASE_MS): Promise<MeetingRow | null> {
    const [row] = await this.db
      .update(meetings)
      .set({ leaseUntil: leaseFor(leaseMs) })
      .where(and(eq(meetings.id, id), eq(meetings.state, 'running'), lt(meetings.leaseUntil, sql`now()`)))
      .returning();
    return row ?? null;
  }

  /** The meeting with its lease extended; null when the caller no longer holds it (taken over, or over). */
  async renewLease(held: Pick<MeetingRow, 'id' | 'leaseUntil'>, leaseMs = MEETING_LEASE_MS): Promise<MeetingRow | null> {
    if (!held.leaseUntil) return null;
    const [row] = await this.db
      .update(meetings)
      .set({ leaseUntil: leaseFor(leaseMs) })
      .where(and(eq(meetings.id, held.id), eq(meetings.state, 'running'), eq(meetings.leaseUntil, held.leaseUntil)))
      .returning();
    return row ?? null;
  }

  async attachThread(id: string, thread: { channelId: string; threadTs: string; conversationId: string }): Promise<MeetingRow> {
    const [row] = await this.db.update(meetings).set(thread).where(eq(meetings.id, id)).returning();
    if (!row) throw new Error(`meeting ${id} is not on record`);
    return row;
  }

  /** Done, once: null when it was not running any more. */
  async finish(id: string, result: { summary: string }): Promise<MeetingRow | null> {
    return this.close(id, { state: 'done', summary: result.summary });
  }

  async fail(id: string, outcome: string): Promise<MeetingRow | null> {
    return this.close(id, { state: 'failed', outcome });
  }

  /** Records a scheduled meeting that did not take place; null (and nothing written) when that day's meeting is on record already. */
  async skip(input: { kind: string; localDate: string; scheduledFor: Date; lead: string; outcome: string }): Promise<MeetingRow | null> {
    const [row] = await this.db
      .insert(meetings)
      .values({ id: newId('mtg'), ...input, state: 'skipped', trigger: 'schedule', finishedAt: sql`now()` })
      .onConflictDoNothing({ target: [meetings.kind, meetings.localDate] })
      .returning();
    return row ?? null;
  }

  /** Running meetings whose holder's lease ran out (its process died): for a sweep to take over. */
  async lapsed(limit = 10): Promise<MeetingRow[]> {
    return this.db
      .select()
      .from(meetings)
      .where(and(eq(meetings.state, 'running'), lt(meetings.leaseUntil, sql`now()`)))
      .limit(limit);
  }

  /** The latest meetings, newest day first (/dept meetings). */
  async recent(limit = 10): Promise<MeetingRow[]> {
    return this.db.select().from(meetings).orderBy(desc(meetings.localDate), desc(meetings.startedAt)).limit(limit);
  }

  async byId(id: string): Promise<MeetingRow | undefined> {
    const [row] = await this.db.select().from(meetings).where(eq(meetings.id, id));
    return row;
  }

  /** The last meeting of this kind that finished: its start is the "since" of the next one. */
  async latestDone(kind: string): Promise<MeetingRow | undefined> {
    const [row] = await this.db
      .select()
      .from(meetings)
      .where(and(eq(meetings.kind, kind), eq(meetings.state, 'done')))
      .orderBy(desc(meetings.finishedAt))
      .limit(1);
    return row;
  }

  private async close(id: string, set: { state: 'done' | 'failed'; summary?: string; outcome?: string }): Promise<MeetingRow | null> {
    const [row] = await this.db
      .update(meetings)
      .set({ ...set, finishedAt: sql`now()`, leaseUntil: null })
      .where(and(eq(meetings.id, id), eq(meetings.state, 'running')))
      .returning();
    return row ?? null;
  }
}
