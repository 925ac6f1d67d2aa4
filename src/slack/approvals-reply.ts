import type { types } from '@slack/bolt';
import type { WorkStore } from '../store/work-store.js';
import type { ApprovalDesk } from './approval-desk.js';
import { approvalListBlocks, cardsFor, MESSAGE_MAX_BLOCKS } from './blocks/approval-list.js';
import { pendingApprovals } from './pending-approvals.js';

/** `/dept approvals` as `userId` sees it now: the pending requests as cards, in one private message. */
export async function approvalsReply(deps: { work: WorkStore; desk: ApprovalDesk }, userId: string, notice?: string): Promise<{ text: string; blocks: types.KnownBlock[] }> {
  const pending = await pendingApprovals(deps, userId, cardsFor(MESSAGE_MAX_BLOCKS));
  return {
    text: pending.total === 0 ? 'Nothing waits for approval.' : `Waiting for approval (${pending.total})`,
    blocks: approvalListBlocks(pending, notice),
  };
}
