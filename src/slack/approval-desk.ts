import type { Department } from '../department/schema.js';
import type { Approvers } from '../department/approvers.js';
import type { ApprovalState, Decided, ApprovalRow, WorkStore } from '../store/work-store.js';
import type { ApprovalCardInput } from './blocks/approval-card.js';

/** Why a click decides nothing: not an approver, no such request, or decided already (by whom, when). */
export type Refusal = Exclude<Decided<ApprovalRow>, { ok: true }> | { ok: false; reason: 'not_allowed' };

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

  /** Decides a request for an approver; never for anyone else. */
  async decide(input: { requestId: string; state: Exclude<ApprovalState, 'pending' | 'expired'>; by: string; comment?: string | null }): Promise<{ ok: true; record: ApprovalRow } | Refusal> {
    if (!this.deps.approvers.may(input.by)) return { ok: false, reason: 'not_allowed' };
    return this.deps.work.decideApproval({ id: input.requestId, state: input.state, by: input.by, comment: input.comment ?? null });
  }
}
