import { sql } from 'drizzle-orm';
import { boolean, index, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/*
 * Workflow runs (seed 5.1–5.2, examples 1–3): one per Slack thread. The LangGraph checkpoint holds
 * where the graph is; this row holds what the rest of the department needs to know about it (what
 * it waits for, the status message to update, who drives it now), and its steps record who did
 * what, when, and the turn that did it (so time and cost are on record).
 */

export const WORKFLOW_STATUSES = ['running', 'waiting', 'done', 'stopped', 'failed'] as const;

export const workflowRuns = pgTable(
  'workflow_runs',
  {
    id: text('id').primaryKey(),
    kind: text('kind').notNull(),
    conversationId: text('conversation_id').notNull(),
    channelId: text('channel_id').notNull(),
    threadTs: text('thread_ts').notNull(),
    /** Agent id that leads the run and posts its plan and status. */
    coordinator: text('coordinator').notNull(),
    /** What was asked: topic, content type, who asked. */
    brief: jsonb('brief').$type<Record<string, unknown>>().notNull(),
    status: text('status', { enum: WORKFLOW_STATUSES }).notNull().default('running'),
    /** The step it is at, and the agent (or person) who holds it. */
    step: text('step'),
    holder: text('holder'),
    /** What the graph waits for (its interrupts' values, a list: parallel branches wait at once): turns, approvals, escalations. */
    waiting: jsonb('waiting').$type<Record<string, unknown> | Record<string, unknown>[]>(),
    /** The plan message, updated in place as the run moves (chat.update). */
    statusTs: text('status_ts'),
    /** A process driving the graph holds it until then; another that wants to asks for a wake instead. */
    drivingUntil: timestamp('driving_until', { withTimezone: true }),
    wakeRequested: boolean('wake_requested').notNull().default(false),
    outcome: text('outcome'),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [
    // One live run per thread.
    uniqueIndex('workflow_runs_live_thread_uq').on(t.conversationId).where(sql`status in ('running', 'waiting')`),
    index('workflow_runs_status_idx').on(t.status),
  ],
);

/** A step of a run, once per round (a revision is a new round of the same step). */
export const workflowSteps = pgTable(
  'workflow_steps',
  {
    runId: text('run_id').notNull(),
    key: text('key').notNull(),
    step: text('step').notNull(),
    agentId: text('agent_id'),
    /** The delivery whose turn does the step (for its model calls and cost). */
    deliveryId: text('delivery_id'),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    outcome: text('outcome'),
  },
  (t) => [primaryKey({ columns: [t.runId, t.key] })],
);
