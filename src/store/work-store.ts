import { and, asc, desc, eq, ilike, inArray, isNotNull, isNull, or, sql, type SQL } from 'drizzle-orm';
import { approvalDecisionStatement, escalationDecisionStatement, newDecisionIds, type HumanDecisionIds, type HumanDecisionInput } from './human-decision-statements.js';
import type { ThreadWork } from '../agents/thread-work.js';
import type { Db } from './database.js';
import { rowsOf } from './rows.js';
import { newId } from './ids.js';
import {
  approvalRequests,
  cards,
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
export type CardRow = typeof cards.$inferSelect;

export type Decided<T> = { ok: true; record: T } | { ok: false; reason: 'not_found' } | { ok: false; reason: 'already_decided'; record: T };

/** What a person's decision left for Slack to do: post the author's message in the thread, publish its delivery. */
export interface DecisionFollowUp {
  decisionId: string;
  messageId: string;
  /** null when the request had no thread. */
  deliveryId: string | null;
  thread: { channelId: string; threadTs: string } | null;
  text: string;
  conversationId: string | null;
  /** The workflow run that asked, which the decision resumes. */
  workflowRunId: string | null;
}
export type HumanDecided<T> = { ok: true; record: T; followUp: DecisionFollowUp } | Exclude<Decided<T>, { ok: true }>;

/** The department's work records (tasks, deliverables, approvals, decisions, escalations) in Postgres. */
export class WorkStore {
  constructor(private readonly db: Db) {}

  /**
   * The work an agent's turn sees (one round trip, on every turn): the thread's deliverables with
   * the latest request about each (an approval, or for human-led work an escalation), and the
   * thread's tasks plus the agent's own open ones elsewhere.
   */
  async threadWork(conversationId: string, agentId: string): Promise<ThreadWork> {
    const result = await this.db.execute(sql`
      select
        (select coalesce(json_agg(x order by x.created_at), '[]'::json) from (
           select d.id, d.content_type as "contentType", d.title, d.author, d.current_version as version, d.created_at,
                  (select json_build_object('id', r.id, 'state', r.state, 'version', r.version, 'comment', r.comment)
                   from (select a.id, a.state, a.version, a.comment, a.created_at from approval_requests a where a.deliverable_id = d.id
                         union all
                         select e.id, case when e.state = 'open' then 'pending' else coalesce(e.outcome, e.state) end, e.version, e.resolution, e.created_at
                         from escalations e where e.deliverable_id = d.id) r
                   order by r.created_at desc limit 1) as approval
           from deliverables d where d.conversation_id = ${conversationId}
           order by d.created_at desc limit 20) x) as deliverables,
        (select coalesce(json_agg(y order by y.created_at), '[]'::json) from (
           select t.id, t.title, t.assignee, t.requester, t.status, t.due_date as "dueDate", t.created_at
           from tasks t
           where t.conversation_id = ${conversationId}
              or (t.assignee = ${agentId} and t.status in ('todo', 'in_progress', 'blocked', 'in_review'))
           order by t.created_at desc limit 30) y) as tasks,
        (select json_build_object('id', w.id, 'kind', w.kind,
                  -- every step under way (parallel tracks are several), recorded before its agent is asked
                  'step', coalesce((select string_agg(distinct s.step, ',') from workflow_steps s where s.run_id = w.id and s.finished_at is null), w.step))
         from workflow_runs w
         where w.conversation_id = ${conversationId} and w.status in ('running', 'waiting') limit 1) as workflow`);
    const row = rowsOf<{ deliverables: ThreadWork['deliverables']; tasks: ThreadWork['tasks']; workflow: ThreadWork['workflow'] }>(result)[0]!;
    const strip = <T extends object>(rows: T[]) => rows.map(({ created_at: _, ...rest }: T & { created_at?: unknown }) => rest as T);
    return { deliverables: strip(row.deliverables), tasks: strip(row.tasks), workflow: row.workflow ?? null };
  }

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

  /** Tasks done or cancelled in the last `days` days, latest first, optionally of one owner. */
  async finishedTasks(assignee?: string, days = 7, limit = 10): Promise<TaskRow[]> {
    return this.db
      .select()
      .from(tasks)
      .where(
        and(
          inArray(tasks.status, ['done', 'cancelled']),
          sql`${tasks.updatedAt} > now() - make_interval(days => ${days})`,
          assignee ? eq(tasks.assignee, assignee) : undefined,
        ),
      )
      .orderBy(desc(tasks.updatedAt))
      .limit(limit);
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
    const row = rowsOf<{ deliverable_id: string; version: number }>(rows)[0];
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
   * click or two approvers at once decide once; the loser learns who decided and when. The same
   * commit records the decision and tells the author agent (see human-decision-statements.ts).
   */
  async decideApproval(input: HumanDecisionInput): Promise<HumanDecided<ApprovalRow>> {
    return this.decideOnce(input, approvalDecisionStatement, async () => {
      const [row] = await this.db.select().from(approvalRequests).where(eq(approvalRequests.id, input.id));
      return row;
    });
  }

  /** A person's answer to an escalation, once, like decideApproval. */
  async resolveEscalation(input: HumanDecisionInput): Promise<HumanDecided<EscalationRow>> {
    return this.decideOnce(input, escalationDecisionStatement, async () => (await this.escalation(input.id)) ?? undefined);
  }

  private async decideOnce<T>(
    input: HumanDecisionInput,
    statement: (input: HumanDecisionInput, ids: HumanDecisionIds) => SQL,
    read: () => Promise<T | undefined>,
  ): Promise<HumanDecided<T>> {
    const ids = newDecisionIds();
    const [row] = rowsOf<{ decided: boolean; channel_id: string | null; thread_ts: string | null; delivery_id: string | null; conversation_id: string | null; workflow_run_id: string | null }>(
      await this.db.execute(statement(input, ids)),
    );
    const record = await read();
    if (!record) return { ok: false, reason: 'not_found' };
    if (!row?.decided) return { ok: false, reason: 'already_decided', record };
    const thread = row.channel_id && row.thread_ts ? { channelId: row.channel_id, threadTs: row.thread_ts } : null;
    const followUp = { decisionId: ids.decisionId, messageId: ids.messageId, deliveryId: row.delivery_id, thread, text: input.message.text, conversationId: row.conversation_id, workflowRunId: row.workflow_run_id };
    return { ok: true, record, followUp };
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

  async decision(id: string): Promise<DecisionRow | null> {
    const [row] = await this.db.select().from(decisions).where(eq(decisions.id, id));
    return row ?? null;
  }

  async escalation(id: string): Promise<EscalationRow | null> {
    const [row] = await this.db.select().from(escalations).where(eq(escalations.id, id));
    return row ?? null;
  }

  async openEscalations(): Promise<EscalationRow[]> {
    return this.db.select().from(escalations).where(eq(escalations.state, 'open')).orderBy(asc(escalations.createdAt));
  }

  /** The cards a turn recorded, each thread's card before its channel copy (posted ones with their ts). */
  async deliveryCards(deliveryId: string): Promise<CardRow[]> {
    return this.db.select().from(cards).where(eq(cards.sourceDeliveryId, deliveryId)).orderBy(asc(cards.createdAt), sql`${cards.threadTs} is null`, asc(cards.id));
  }

  /** Marks a card as maybe in Slack from now on: a re-run looks for it before posting it again. */
  async reserveCard(id: string): Promise<void> {
    await this.db.update(cards).set({ postStartedAt: sql`now()` }).where(and(eq(cards.id, id), isNull(cards.ts)));
  }

  async cardPosted(id: string, where: { channelId: string; ts: string }): Promise<void> {
    await this.db.update(cards).set({ channelId: where.channelId, ts: where.ts }).where(eq(cards.id, id));
  }

  /** The posted cards of requests (approvals, escalations) a deliverable's latest version superseded: they still show buttons. */
  async supersededCards(deliverableIds: string[]): Promise<CardRow[]> {
    if (deliverableIds.length === 0) return [];
    const result = await this.db.execute(sql`
      select c.id from ${cards} c
      join (
        select a.id, a.deliverable_id, a.comment as said from ${approvalRequests} a where a.state = 'expired'
        union all
        select e.id, e.deliverable_id, e.resolution from ${escalations} e where e.state = 'withdrawn'
      ) r on r.id = c.ref_id
      join ${deliverables} d on d.id = r.deliverable_id
      where d.id = any(${`{${deliverableIds.join(',')}}`}::text[]) and r.said = 'superseded by v' || d.current_version and c.ts is not null`);
    const ids = rowsOf<{ id: string }>(result).map((r) => r.id);
    return ids.length === 0 ? [] : this.db.select().from(cards).where(inArray(cards.id, ids));
  }

  /** Where the cards of a request are in Slack (to update them once it is decided). */
  async postedCards(refId: string): Promise<CardRow[]> {
    return this.db.select().from(cards).where(and(eq(cards.refId, refId), isNotNull(cards.ts))).orderBy(asc(cards.createdAt));
  }
}
