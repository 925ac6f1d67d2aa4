import { date, index, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/*
 * Meetings (seed 6.3): one row per meeting kind and day in the department's time zone. Every
 * process schedules every meeting; the unique (kind, local_date) row decides which one runs it,
 * and the lease lets another take over a meeting whose process died.
 */

export const MEETING_STATES = ['running', 'done', 'skipped', 'failed'] as const;
export const MEETING_TRIGGERS = ['schedule', 'command', 'catch_up'] as const;

export const meetings = pgTable(
  'meetings',
  {
    id: text('id').primaryKey(),
    /** A key of `meetings` in manifests/department.yml: standup, weekly_planning … */
    kind: text('kind').notNull(),
    /** The day in the department's time zone (YYYY-MM-DD). */
    localDate: date('local_date', { mode: 'string' }).notNull(),
    state: text('state', { enum: MEETING_STATES }).notNull().default('running'),
    trigger: text('trigger', { enum: MEETING_TRIGGERS }).notNull(),
    /** Slack user id of the person who asked for it (/dept). */
    startedBy: text('started_by'),
    /** Agent id of the lead. */
    lead: text('lead').notNull(),
    /** The schedule's fire time; null for a meeting asked for by a person. */
    scheduledFor: timestamp('scheduled_for', { withTimezone: true }),
    /** The thread, once the runner has posted it. */
    channelId: text('channel_id'),
    threadTs: text('thread_ts'),
    conversationId: text('conversation_id'),
    summary: text('summary'),
    /** Why it was skipped or failed. */
    outcome: text('outcome'),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    /** The running process holds the meeting until then; after it, another may take it over. */
    leaseUntil: timestamp('lease_until', { withTimezone: true }),
  },
  (t) => [
    // Exactly one meeting of a kind a day, across processes.
    uniqueIndex('meetings_kind_day_uq').on(t.kind, t.localDate),
    index('meetings_started_at_idx').on(t.startedAt),
  ],
);
