import { and, asc, desc, eq, ilike, inArray, ne, or, sql } from 'drizzle-orm';
import type { Db } from './database.js';
import { newId } from './ids.js';
import {
  approvalRequests,
  decisions,
  deliverables,
  deliverableVersions,
  escalations,
  tasks,
  type APPROVAL_STATES,
  type DecisionAction,
  type TASK_STATUSES,
  type URGENCIES,
} from './work-schema.js';

export type TaskStatus = (typeof TASK_STATUSES)[number];
export type ApprovalState = (typeof APPROVAL_STATES)[number];
export type Urgency = (typeof URGENCIES)[number];
export type TaskRow = typeof tasks.$inferSelect;
export type ApprovalRow = typeof approvalRequests.$inferSelect;
export type DecisionRow = typeof decisions.$inferSelect;
export type EscalationRow = typeof escalations.$inferSelect;

export type Decided<T> = { ok: true; record: T } | { ok: false; reason: 'not_found' } | { ok: false; reason: 'already_decided'; record: T };

/** The department's work records (tasks, deliverables, approvals, decisions, escalations) in Postgres. */
export class WorkStore {
  constructor(private readonly db: Db) {}

  async createTask(input: {
    title: string;
    description?: string;
    assignee: string;
    requester: string;
    dueDate?: string | null;
    dependencies?: string[];
    conversationId?: string | null;
    decisionId?: string | null;
  }): Promise<TaskRow> {
    const [row] = await this.db
      .insert(tasks)
      .values({ id: newId('task'), ...input, updatedBy: input.requester })
      .returning();
    return row!;
  }

  /** Moves a task (status, owner, due date); null when there is no such task. */
  async moveTask(id: string, change: { status?: TaskStatus; assignee?: string; dueDate?: string | null }, by: string): Promise<TaskRow | null> {
    const [row] = await this.db
      .update(tasks)
      .set({ ...change, updatedBy: by, updatedAt: sql`now()` })
      .where(eq(tasks.id, id))
      .returning();
    return row ?? null;
  }

  /** Tasks not done or cancelled, oldest due first (undated last), optionally of one owner. */
  async openTasks(assignee?: string): Promise<TaskRow[]> {
    return this.db
      .select()
      .from(tasks)
      .where(and(inArray(tasks.status, ['todo', 'in_progress', 'blocked', 'in_review']), assignee ? eq(tasks.assignee, assignee) : undefined))
      .orderBy(sql`${tasks.dueDate} asc nulls last`, asc(tasks.createdAt));
  }

  /**
   * A deliverable's first draft, or its next version: the version number is taken and the draft
   * stored in one statement, so two revisions at once get two versions, never one lost.
   */
  async submitDeliverable(input: {
    deliverableId?: string;
    contentType: string;
    title: string;
    author: string;
    content: string;
    rehearsal?: boolean;
    taskId?: string | null;
    conversationId?: string | null;
  }): Promise<{ deliverableId: string; version: number } | null> {
    const id = input.deliverableId ?? newId('dlvb');
    const rows = await this.db.execute<{ deliverable_id: string; version: number }>(sql`
      with target as (
        insert into ${deliverables} (id, content_type, title, author, task_id, conversation_id, current_version)
        values (${id}, ${input.contentType}, ${input.title}, ${input.author}, ${input.taskId ?? null}, ${input.conversationId ?? null}, 1)
        on conflict (id) do update set current_version = ${deliverables}.current_version + 1, title = excluded.title
        returning id, current_version
      )
      insert into ${deliverableVersions} (deliverable_id, version, content, author, rehearsal)
      select id, current_version, ${input.content}, ${input.author}, ${input.rehearsal ?? false} from target
      returning deliverable_id, version`);
    const row = (rows as unknown as { rows: { deliverable_id: string; version: number }[] }).rows[0];
    return row ? { deliverableId: row.deliverable_id, version: Number(row.version) } : null;
  }

  async deliverableVersion(deliverableId: string, version: number) {
    const [row] = await this.db
      .select()
      .from(deliverableVersions)
      .where(and(eq(deliverableVersions.deliverableId, deliverableId), eq(deliverableVersions.version, version)));
    return row ?? null;
  }

  async requestApproval(input: {
    deliverableId: string;
    version: number;
    summary: string;
    requestedBy: string;
    autonomyLevel: 'L1' | 'L2' | 'L3' | 'L4';
    urgency?: Urgency;
    dueDate?: string | null;
    conversationId?: string | null;
  }): Promise<ApprovalRow> {
    const [row] = await this.db.insert(approvalRequests).values({ id: newId('apr'), ...input }).returning();
    return row!;
  }

  /**
   * A person's decision on an approval request: one atomic state change from pending, so a double
   * click or two approvers at once decide once; the loser learns who decided and when.
   */
  async decideApproval(input: { id: string; state: Exclude<ApprovalState, 'pending' | 'expired'>; by: string; comment?: string | null }): Promise<Decided<ApprovalRow>> {
    const [decided] = await this.db
      .update(approvalRequests)
      .set({ state: input.state, decidedBy: input.by, decidedAt: sql`now()`, comment: input.comment ?? null })
      .where(and(eq(approvalRequests.id, input.id), eq(approvalRequests.state, 'pending')))
      .returning();
    if (decided) return { ok: true, record: decided };
    const [existing] = await this.db.select().from(approvalRequests).where(eq(approvalRequests.id, input.id));
    return existing ? { ok: false, reason: 'already_decided', record: existing } : { ok: false, reason: 'not_found' };
  }

  /** A request with its deliverable and the version it asks about; null when there is no such request. */
  async approvalWithDraft(id: string) {
    const [row] = await this.db
      .select({ request: approvalRequests, deliverable: deliverables, draft: deliverableVersions })
      .from(approvalRequests)
      .innerJoin(deliverables, eq(deliverables.id, approvalRequests.deliverableId))
      .innerJoin(deliverableVersions, and(eq(deliverableVersions.deliverableId, approvalRequests.deliverableId), eq(deliverableVersions.version, approvalRequests.version)))
      .where(eq(approvalRequests.id, id));
    return row ?? null;
  }

  /** Approval requests still waiting for a person, oldest first. */
  async pendingApprovals(): Promise<ApprovalRow[]> {
    return this.db.select().from(approvalRequests).where(eq(approvalRequests.state, 'pending')).orderBy(asc(approvalRequests.createdAt));
  }

  /** A decision (seed 3.3) and a task for each of its actions, in one transaction. */
  async recordDecision(input: {
    maker: string;
    type: string;
    context: string;
    decision: string;
    reasoning?: string;
    actions?: DecisionAction[];
    approvalChain?: string[];
    escalated?: boolean;
    dissent?: string | null;
    conversationId?: string | null;
  }): Promise<{ decision: DecisionRow; tasks: TaskRow[] }> {
    return this.db.transaction(async (tx) => {
      const [decision] = await tx.insert(decisions).values({ id: newId('dec'), ...input, actions: input.actions ?? [] }).returning();
      const actions = input.actions ?? [];
      const made =
        actions.length === 0
          ? []
          : await tx
              .insert(tasks)
              .values(
                actions.map((a) => ({
                  id: newId('task'),
                  title: a.action,
                  assignee: a.assigned_to,
                  requester: input.maker,
                  dueDate: a.due_date ?? null,
                  conversationId: input.conversationId ?? null,
                  decisionId: decision!.id,
                  updatedBy: input.maker,
                })),
              )
              .returning();
      return { decision: decision!, tasks: made };
    });
  }

  /** Decisions whose context, decision or reasoning mention every word, newest first. */
  async searchDecisions(words: string, limit = 10): Promise<DecisionRow[]> {
    const terms = words.split(/\s+/).filter(Boolean).map((w) => `%${w.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    const matches = terms.map((t) => or(ilike(decisions.context, t), ilike(decisions.decision, t), ilike(decisions.reasoning, t), ilike(decisions.type, t)));
    return this.db.select().from(decisions).where(and(...matches)).orderBy(desc(decisions.createdAt)).limit(limit);
  }

  async escalate(input: {
    level: string;
    category: string;
    fromAgent: string;
    toTarget: string;
    issue: string;
    attemptsMade?: string;
    urgency?: Urgency;
    recommendation?: string;
    impact?: string;
    conversationId?: string | null;
  }): Promise<EscalationRow> {
    const [row] = await this.db.insert(escalations).values({ id: newId('esc'), ...input }).returning();
    return row!;
  }

  /** Resolves an open escalation, once: a second resolution learns who resolved it. */
  async resolveEscalation(input: { id: string; by: string; resolution: string }): Promise<Decided<EscalationRow>> {
    const [resolved] = await this.db
      .update(escalations)
      .set({ state: 'resolved', resolvedBy: input.by, resolvedAt: sql`now()`, resolution: input.resolution })
      .where(and(eq(escalations.id, input.id), eq(escalations.state, 'open')))
      .returning();
    if (resolved) return { ok: true, record: resolved };
    const [existing] = await this.db.select().from(escalations).where(eq(escalations.id, input.id));
    return existing ? { ok: false, reason: 'already_decided', record: existing } : { ok: false, reason: 'not_found' };
  }

  async openEscalations(): Promise<EscalationRow[]> {
    return this.db.select().from(escalations).where(ne(escalations.state, 'resolved')).orderBy(asc(escalations.createdAt));
  }
}
