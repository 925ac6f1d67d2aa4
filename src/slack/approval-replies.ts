import type { ApprovalRow, EscalationRow } from '../store/work-store.js';
import type { ApprovalDesk, EscalationRefusal, Refusal } from './approval-desk.js';
import { slackDate } from './blocks/approval-card.js';

const STATE_WORDS: Record<string, string> = { approved: 'approved', changes_requested: 'sent back for changes', rejected: 'rejected', expired: 'expired', instructed: 'answered with instructions' };

/** Who settled a request and how, whichever kind it is. */
function settled(r: ApprovalRow | EscalationRow): { state: string; by: string | null; at: Date | null } {
  return 'decidedBy' in r ? { state: r.state, by: r.decidedBy, at: r.decidedAt } : { state: r.outcome ?? r.state, by: r.resolvedBy, at: r.resolvedAt };
}

/** Why a click decided nothing, for the person who clicked (privately). */
export function whyNotDecided(result: Refusal | EscalationRefusal, desk: ApprovalDesk): string {
  if (result.reason === 'not_allowed') return `:lock: You cannot decide this. ${desk.approvers.whoMay()}`;
  if (result.reason === 'not_found') return ":grey_question: This request no longer exists (or the card is not one of the department's): nothing was changed.";
  const s = settled(result.record);
  return `:information_source: Already ${STATE_WORDS[s.state] ?? s.state}${s.by ? ` by <@${s.by}>` : ''}${s.at ? ` ${slackDate(s.at)}` : ''}: nothing was changed.`;
}

/** The same, as plain text for a modal's error (mentions and date tokens are not rendered there). */
export function whyNotDecidedPlain(result: Refusal | EscalationRefusal, desk: ApprovalDesk): string {
  return whyNotDecided(result, desk).replace(/<@(\w+)>/g, '@$1').replace(/<!date\^\d+\^[^|]*\|([^>]*)>/g, '$1');
}
