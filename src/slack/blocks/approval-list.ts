import type { types } from '@slack/bolt';
import { approvalCardBlocks, type ApprovalCardInput } from './approval-card.js';

type KnownBlock = types.KnownBlock;

/** Slack's ceilings: blocks in one message, and in a Home tab view. */
export const MESSAGE_MAX_BLOCKS = 50;
export const HOME_MAX_BLOCKS = 100;

/** What waits for a decision, as one person sees it. */
export interface PendingApprovals {
  /** Cards of the oldest pending requests (perhaps fewer than `total`). */
  cards: ApprovalCardInput[];
  total: number;
  /** Whether the person looking is an approver; else `whoMay` says who is. */
  mayDecide: boolean;
  whoMay: string;
}

/** Cards fetched for a list: a card has at least three blocks, so more could never fit. */
export const cardsFor = (maxBlocks: number) => Math.floor(maxBlocks / 3);

/**
 * Whole cards, oldest first, in at most `budget` blocks (dividers between), then "…and N more"
 * for those left out: a card is never cut, so its buttons always sit under its text.
 */
export function fittedCards(cards: ApprovalCardInput[], total: number, budget: number): KnownBlock[] {
  const out: KnownBlock[] = [];
  let shown = 0;
  for (const card of cards) {
    const blocks: KnownBlock[] = [...(shown > 0 ? [{ type: 'divider' as const }] : []), ...approvalCardBlocks(card)];
    const moreLine = total - shown - 1 > 0 ? 1 : 0;
    if (out.length + blocks.length + moreLine > budget) break;
    out.push(...blocks);
    shown++;
  }
  if (total > shown && out.length < budget) {
    out.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `…and ${total - shown} more waiting, oldest first: they show here as these are decided.` }] });
  }
  return out;
}

/** The line above the cards: how many wait and, for anyone but an approver, who may decide them. */
export function approvalsHeading(p: PendingApprovals, title: string): KnownBlock {
  if (p.total === 0) return { type: 'section', text: { type: 'mrkdwn', text: `*${title}*\n:white_check_mark: Nothing waits for approval.` } };
  const who = p.mayDecide ? '' : `\n:lock: You can read these but not decide them. ${p.whoMay}`;
  return { type: 'section', text: { type: 'mrkdwn', text: `*${title}* (${p.total})${who}` } };
}

/** `/dept approvals`: the pending requests as the approval cards the channels get, within one message. */
export function approvalListBlocks(p: PendingApprovals, notice?: string): KnownBlock[] {
  const top: KnownBlock[] = [
    ...(notice ? [{ type: 'section' as const, text: { type: 'mrkdwn' as const, text: notice } }] : []),
    approvalsHeading(p, 'Waiting for approval'),
  ];
  return [...top, ...fittedCards(p.cards, p.total, MESSAGE_MAX_BLOCKS - top.length)];
}
