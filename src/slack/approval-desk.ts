import type { Department } from '../department/schema.js';
import type { Approvers } from '../department/approvers.js';
import type { ApprovalRow, Decided, DecisionFollowUp, EscalationRow, WorkStore } from '../store/work-store.js';
import { approvalDecision, escalationDecision, type ApprovalOutcome, type EscalationOutcome } from '../agents/decision-words.js';
import type { ApprovalCardInput } from './blocks/approval-card.js';

/** Why a click decides nothing: not an approver, no such request, or decided already (by whom, when). */
export type Refusal = Exclude<Decided<ApprovalRow>, { ok: true }> | { ok: false; reason: 'not_allowed' };
export type EscalationRefusal = Exclude<Decided<EscalationRow>, { ok: true }> | { ok: false; reason: 'not_allowed' };

/**
 * Where a person's click on an approval card becomes a decision: only an approver's, once. The
 * state is in Postgres, so a card clicked after a restart is decided like any other.
 */
export class ApprovalDesk {
  constructor(
    private readonly deps: { work: WorkStore; approvers: Approvers; department: Department },
  ) {}

  get approvers(): Approvers {
    return this.deps.approvers;
  }

  /** What the card of a request shows; null when there is no such request (stale or forged). */
  async card(requestId: string): Promise<{ card: ApprovalCardInput; request: ApprovalRow } | null> {
    const found = await this.deps.work.approvalWithDraft(requestId);
    if (!found) return null;
    const { request, deliverable, draft } = found;
    return {
      request,
      card: {
        requestId,
        title: deliverable.title,
        summary: request.summary,
        requesterName: this.deps.department.byId.get(request.requestedBy)?.name ?? request.requestedBy,
        contentType: deliverable.contentType,
        level: request.autonomyLevel,
        urgency: request.urgency,
        dueDate: request.dueDate,
        version: request.version,
        content: draft.content,
        rehearsal: draft.rehearsal,
      },
    };
  }

  /** A request an approver may still decide, for the Request changes modal; else why not, as decide would say. */
  async undecided(requestId: string, by: string): Promise<{ ok: true; card: ApprovalCardInput } | Refusal> {
    if (!this.deps.approvers.may(by)) return { ok: false, reason: 'not_allowed' };
    const found = await this.card(requestId);
    if (!found) return { ok: false, reason: 'not_found' };
    if (found.request.state !== 'pending') return { ok: false, reason: 'already_decided', record: found.request };
    return { ok: true, card: found.card };
  }

  /**
   * Decides a request for an approver, never for anyone else: the decision is recorded and the
   * author told in the same commit (followUp says what Slack still has to show).
   */
  async decide(input: { requestId: string; state: ApprovalOutcome; by: string; comment?: string | null }): Promise<{ ok: true; record: ApprovalRow; followUp: DecisionFollowUp } | Refusal> {
    if (!this.deps.approvers.may(input.by)) return { ok: false, reason: 'not_allowed' };
    const found = await this.deps.work.approvalWithDraft(input.requestId);
    if (!found) return { ok: false, reason: 'not_found' };
    if (found.request.state !== 'pending') return { ok: false, reason: 'already_decided', record: found.request };
    const { request, deliverable } = found;
    const facts = { requestId: request.id, deliverableId: deliverable.id, title: deliverable.title, version: request.version, contentType: deliverable.contentType, level: request.autonomyLevel, author: deliverable.author };
    return this.deps.work.decideApproval(approvalDecision(facts, input.state, input.by, input.comment ?? null, this.deps.department));
  }

  /** An escalation as an approver may still answer it; else why not. */
  async openEscalation(escalationId: string, by: string): Promise<{ ok: true; record: EscalationRow } | EscalationRefusal> {
    if (!this.deps.approvers.may(by)) return { ok: false, reason: 'not_allowed' };
    const row = await this.deps.work.escalation(escalationId);
    if (!row) return { ok: false, reason: 'not_found' };
    if (row.state !== 'open') return { ok: false, reason: 'already_decided', record: row };
    return { ok: true, record: row };
  }

  /** An approver's answer to an escalation, once, recorded and sent to the escalating agent like decide. */
  async answerEscalation(input: { escalationId: string; state: EscalationOutcome; by: string; comment?: string | null }): Promise<{ ok: true; record: EscalationRow; followUp: DecisionFollowUp } | EscalationRefusal> {
    const open = await this.openEscalation(input.escalationId, input.by);
    if (!open.ok) return open;
    return this.deps.work.resolveEscalation(escalationDecision(open.record, input.state, input.by, input.comment ?? null, this.deps.department));
  }
}
