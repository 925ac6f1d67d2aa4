import type { WorkStore } from '../store/work-store.js';
import type { ApprovalDesk } from './approval-desk.js';
import type { PendingApprovals } from './blocks/approval-list.js';

/**
 * What waits for a decision, as `userId` sees it: the cards of the oldest `cards` pending requests,
 * how many wait in all, and whether this person may decide them (else who may).
 */
export async function pendingApprovals(deps: { work: WorkStore; desk: ApprovalDesk }, userId: string, cards: number): Promise<PendingApprovals> {
  const mayDecide = deps.desk.approvers.may(userId);
  const pending = await deps.work.pendingApprovals();
  const found = await Promise.all(pending.slice(0, cards).map((r) => deps.desk.card(r.id)));
  return {
    // Decided between the two reads: no longer waiting, so not shown.
    cards: found.flatMap((f) => (f && f.request.state === 'pending' ? [f.card] : [])),
    total: pending.length,
    mayDecide,
    whoMay: deps.desk.approvers.whoMay(),
  };
}
