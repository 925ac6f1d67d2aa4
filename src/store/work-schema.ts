import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/*
 * The department's work records (seed 8.5, 3.3, 3.4), each linked to the Slack thread it came
 * from (conversation_id). Agents act on them through tools; people through Slack buttons.
 */

export const TASK_STATUSES = ['todo', 'in_progress', 'blocked', 'in_review', 'done', 'cancelled'] as const;
export const APPROVAL_STATES = ['pending', 'approved', 'changes_requested', 'rejected', 'expired'] as const;
export const URGENCIES = ['low', 'medium', 'high', 'critical'] as const;
export const ESCALATION_STATES = ['open', 'resolved', 'withdrawn'] as const;
export const ESCALATION_OUTCOMES = ['approved', 'changes_requested', 'rejected', 'instructed'] as const;
export const CARD_KINDS = ['approval', 'escalation', 'decision'] as const;
export type CardKind = (typeof CARD_KINDS)[number];

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

/** A piece of work with an owner: moved by agents (tools) and by people. */
export const tasks = pgTable(
  'tasks',
  {
    id: text('id').primaryKey(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    /** Agent id of the owner. */
    assignee: text('assignee').notNull(),
    /** Agent id, or human:<slack user id>. */
    requester: text('requester').notNull(),
    status: text('status', { enum: TASK_STATUSES }).notNull().default('todo'),
    dueDate: date('due_date', { mode: 'string' }),
    /** Task ids this one waits for. */
    dependencies: text('dependencies').array().notNull().default(sql`'{}'::text[]`),
    conversationId: text('conversation_id'),
    /** The decision whose action this task carries out, if any. */
    decisionId: text('decision_id'),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    /** Who moved it last: agent id or human:<slack user id>. */
    updatedBy: text('updated_by'),
  },
  (t) => [index('tasks_assignee_status_idx').on(t.assignee, t.status)],
);

/** A deliverable (blog post, email, social post, campaign brief, report …); its drafts are versions. */
export const deliverables = pgTable('deliverables', {
  id: text('id').primaryKey(),
  contentType: text('content_type').notNull(),
  title: text('title').notNull(),
  /** Agent id of its author. */
  author: text('author').notNull(),
  taskId: text('task_id'),
  conversationId: text('conversation_id'),
  /** The latest version (every earlier one is kept). */
  currentVersion: integer('current_version').notNull().default(1),
  createdAt: createdAt(),
});

/** Every revision of a deliverable, kept. */
export const deliverableVersions = pgTable(
  'deliverable_versions',
  {
    deliverableId: text('deliverable_id')
      .notNull()
      .references(() => deliverables.id),
    version: integer('version').notNull(),
    content: text('content').notNull(),
    author: text('author').notNull(),
    /** Written by the offline rehearsal model: shown labelled as rehearsal content. */
    rehearsal: boolean('rehearsal').notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.deliverableId, t.version] })],
);

/** A person is asked to approve one version of a deliverable; decided exactly once. */
export const approvalRequests = pgTable(
  'approval_requests',
  {
    id: text('id').primaryKey(),
    deliverableId: text('deliverable_id')
      .notNull()
      .references(() => deliverables.id),
    version: integer('version').notNull(),
    /** What is asked, in a line. */
    summary: text('summary').notNull(),
    /** Agent id of the agent asking. */
    requestedBy: text('requested_by').notNull(),
    autonomyLevel: text('autonomy_level', { enum: ['L1', 'L2', 'L3', 'L4'] }).notNull(),
    urgency: text('urgency', { enum: URGENCIES }).notNull().default('medium'),
    dueDate: date('due_date', { mode: 'string' }),
    state: text('state', { enum: APPROVAL_STATES }).notNull().default('pending'),
    /** Slack user id of the person who decided. */
    decidedBy: text('decided_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    comment: text('comment'),
    conversationId: text('conversation_id'),
    /** Asked by a workflow run: the decision resumes it instead of sending the author a message to act on. */
    workflowRunId: text('workflow_run_id'),
    createdAt: createdAt(),
  },
  (t) => [index('approval_requests_state_idx').on(t.state, t.createdAt)],
);

/** A decision as recorded (seed 3.3): its actions each become a task. */
export const decisions = pgTable('decisions', {
  id: text('id').primaryKey(),
  /** Agent id, or human:<slack user id>. */
  maker: text('maker').notNull(),
  type: text('type').notNull(),
  context: text('context').notNull(),
  decision: text('decision').notNull(),
  reasoning: text('reasoning').notNull().default(''),
  /** The actions as decided: [{ assigned_to, action, due_date? }]. */
  actions: jsonb('actions').$type<DecisionAction[]>().notNull().default([]),
  approvalChain: text('approval_chain').array().notNull().default(sql`'{}'::text[]`),
  escalated: boolean('escalated').notNull().default(false),
  dissent: text('dissent'),
  conversationId: text('conversation_id'),
  createdAt: createdAt(),
});

export interface DecisionAction {
  assigned_to: string;
  action: string;
  due_date?: string | undefined;
}

/** An escalation (seed 3.4), open until someone it reached resolves it. */
export const escalations = pgTable(
  'escalations',
  {
    id: text('id').primaryKey(),
    /** Where on the path it is: manager, vp, cmo or human. */
    level: text('level').notNull(),
    category: text('category').notNull(),
    /** Agent id of the agent escalating. */
    fromAgent: text('from_agent').notNull(),
    /** Agent id, or human. */
    toTarget: text('to_target').notNull(),
    issue: text('issue').notNull(),
    attemptsMade: text('attempts_made').notNull().default(''),
    urgency: text('urgency', { enum: URGENCIES }).notNull().default('medium'),
    recommendation: text('recommendation').notNull().default(''),
    impact: text('impact').notNull().default(''),
    state: text('state', { enum: ESCALATION_STATES }).notNull().default('open'),
    resolvedBy: text('resolved_by'),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    resolution: text('resolution'),
    /** How the person resolved it: approved, changes_requested, rejected or instructed (free text). */
    outcome: text('outcome', { enum: ESCALATION_OUTCOMES }),
    /** Written by the offline rehearsal model: its card says so. */
    rehearsal: boolean('rehearsal').notNull().default(false),
    /** The draft it is about, for human-led (L1) content. */
    deliverableId: text('deliverable_id'),
    version: integer('version'),
    workflowRunId: text('workflow_run_id'),
    conversationId: text('conversation_id'),
    createdAt: createdAt(),
  },
  (t) => [index('escalations_state_idx').on(t.state, t.createdAt)],
);

/**
 * The outbox of cards (approval requests, escalations, decisions) an agent's turn posts: one row per place
 * (the work's thread, the approvals or escalations channel). Recorded with the turn, posted
 * exactly once like its messages (reserved, then looked up after a crash), and updated in place
 * (chat.update, by the identity that posted it) once a person decides.
 */
export const cards = pgTable(
  'cards',
  {
    id: text('id').primaryKey(),
    kind: text('kind', { enum: CARD_KINDS }).notNull(),
    /** The approval request or escalation it shows. */
    refId: text('ref_id').notNull(),
    /** Agent id whose identity posts (and later updates) it. */
    agentId: text('agent_id').notNull(),
    conversationId: text('conversation_id').notNull(),
    /** Where: a channel id, or for a department channel its name until it is posted (#name). */
    channel: text('channel').notNull(),
    /** The thread it replies in; null for a top-level post in a department channel. */
    threadTs: text('thread_ts'),
    /** Channel id and ts once posted. */
    channelId: text('channel_id'),
    ts: text('ts'),
    postStartedAt: timestamp('post_started_at', { withTimezone: true }),
    sourceDeliveryId: text('source_delivery_id').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('cards_ref_idx').on(t.refId), index('cards_delivery_idx').on(t.sourceDeliveryId)],
);
