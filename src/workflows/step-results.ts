import { and, asc, desc, eq, gte } from 'drizzle-orm';
import type { Db } from '../store/database.js';
import { approvalRequests, decisions, deliverables, deliveries, escalations, messages } from '../store/schema.js';
import type { WaitingFor, WorkflowRun } from './workflow-store.js';

/** What a step's agent turn left: its posts, its latest deliverable here, its review verdict. */
export interface TurnResult {
  kind: 'turn';
  status: 'done' | 'failed' | 'skipped';
  outcome: string | null;
  posts: string[];
  deliverable: { id: string; version: number; title: string } | null;
  review: { approved: boolean; comment: string } | null;
  /** Every review verdict of the turn, by the reviewed work's author (a combined review judges several). */
  reviews: { author: string; approved: boolean; comment: string }[];
}
export interface DecisionResult {
  kind: 'approval' | 'escalation';
  /** approved, changes_requested, rejected, instructed, expired, withdrawn */
  state: string;
  by: string | null;
  comment: string | null;
}
export type StepResult = TurnResult | DecisionResult;

/**
 * Whether what a run waits for has happened, read from the records (so any process can tell, also
 * after a restart), and what it brought; null while it has not.
 */
export async function resultOf(db: Db, run: WorkflowRun, waiting: WaitingFor): Promise<StepResult | null> {
  if (waiting.kind === 'approval') {
    const [r] = await db.select().from(approvalRequests).where(eq(approvalRequests.id, waiting.requestId));
    if (!r || r.state === 'pending') return null;
    return { kind: 'approval', state: r.state, by: r.decidedBy, comment: r.comment };
  }
  if (waiting.kind === 'escalation') {
    const [e] = await db.select().from(escalations).where(eq(escalations.id, waiting.escalationId));
    if (!e || e.state === 'open') return null;
    return { kind: 'escalation', state: e.state === 'withdrawn' ? 'withdrawn' : (e.outcome ?? 'approved'), by: e.resolvedBy, comment: e.resolution };
  }
  const [d] = await db.select().from(deliveries).where(eq(deliveries.id, waiting.deliveryId));
  if (!d || (d.status !== 'done' && d.status !== 'failed' && d.status !== 'skipped')) return null;
  const [posts, [deliverable], reviews] = await Promise.all([
    db.select({ text: messages.text }).from(messages).where(eq(messages.sourceDeliveryId, d.id)).orderBy(asc(messages.seq)),
    db
      .select({ id: deliverables.id, version: deliverables.currentVersion, title: deliverables.title })
      .from(deliverables)
      .where(and(eq(deliverables.conversationId, run.conversationId), eq(deliverables.author, waiting.agent)))
      .orderBy(desc(deliverables.createdAt))
      .limit(1),
    db
      .select({ decision: decisions.decision, reasoning: decisions.reasoning, chain: decisions.approvalChain })
      .from(decisions)
      .where(and(eq(decisions.conversationId, run.conversationId), eq(decisions.maker, waiting.agent), eq(decisions.type, 'content_review'), gte(decisions.createdAt, d.createdAt)))
      .orderBy(desc(decisions.createdAt)),
  ]);
  // review_deliverable records the chain as [author, reviewer].
  const verdicts = reviews.map((r) => ({ author: r.chain[0] ?? '', approved: r.decision.startsWith('Approved'), comment: r.reasoning }));
  return {
    kind: 'turn',
    status: d.status,
    outcome: d.outcome,
    posts: posts.map((p) => p.text),
    deliverable: deliverable ?? null,
    review: verdicts[0] ? { approved: verdicts[0].approved, comment: verdicts[0].comment } : null,
    reviews: verdicts,
  };
}
