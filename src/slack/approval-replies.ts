import type { webApi } from '@slack/bolt';
import type { ApprovalRow } from '../store/work-store.js';
import type { ApprovalDesk, Refusal } from './approval-desk.js';
import { decidedCardBlocks } from './blocks/approval-card.js';

const STATE_WORDS: Record<string, string> = { approved: 'approved', changes_requested: 'sent back for changes', rejected: 'rejected', expired: 'expired' };

/** Why a click decided nothing, for the person who clicked (privately). */
export function whyNotDecided(result: Refusal, desk: ApprovalDesk): string {
  if (result.reason === 'not_allowed') return `:lock: You cannot decide this approval. ${desk.approvers.whoMay()}`;
  if (result.reason === 'not_found') return ':grey_question: This approval request no longer exists (or the card is not one of the department\'s): nothing was changed.';
  const r = result.record;
  const at = r.decidedAt ? ` <!date^${Math.floor(r.decidedAt.getTime() / 1000)}^{date_short_pretty} at {time}|${r.decidedAt.toISOString()}>` : '';
  return `:information_source: Already ${STATE_WORDS[r.state] ?? r.state}${r.decidedBy ? ` by <@${r.decidedBy}>` : ''}${at}: nothing was changed.`;
}

/** Shows the outcome on a card: who decided, when, and no live buttons. */
export async function updateDecidedCard(client: webApi.WebClient, desk: ApprovalDesk, where: { channel: string; ts: string }, request: ApprovalRow): Promise<void> {
  const found = await desk.card(request.id);
  if (!found || !request.decidedBy || !request.decidedAt) return;
  const blocks = decidedCardBlocks(found.card, { state: request.state, by: request.decidedBy, at: request.decidedAt, comment: request.comment });
  await client.chat.update({ channel: where.channel, ts: where.ts, text: `${STATE_WORDS[request.state] ?? request.state}: ${found.card.title}`, blocks });
}
