import type { types } from '@slack/bolt';
import { ActionIds, BlockIds, CallbackIds } from '../action-ids.js';
import { literalText } from '../text.js';
import { fit, modalName, textModal } from './fit-text.js';

type KnownBlock = types.KnownBlock;

/** What an approval card shows: the request, who asks, and the draft it is about. */
export interface ApprovalCardInput {
  requestId: string;
  title: string;
  summary: string;
  requesterName: string;
  contentType: string;
  level: string;
  urgency: string;
  dueDate: string | null;
  version: number;
  content: string;
  rehearsal: boolean;
}

/** Characters of the draft shown on the card; the whole text is a button away. */
const EXCERPT_CHARS = 600;

/** The draft's opening, its Markdown headings shown as Slack shows bold (the draft is quoted literally). */
const excerpt = (text: string) => {
  const opening = text.length <= EXCERPT_CHARS ? text : `${text.slice(0, EXCERPT_CHARS).trimEnd()}…`;
  return opening.replace(/^#{1,6}\s+(.+)$/gm, '*$1*');
};
/** Someone's words as a mrkdwn quote, shown literally. */
export const quote = (text: string) => `>${literalText(text).replace(/\n/g, '\n>')}`;

/** A moment in each reader's own timezone (Slack's date token), with the ISO time as the fallback. */
export const slackDate = (at: Date) => `<!date^${Math.floor(at.getTime() / 1000)}^{date_short_pretty} at {time}|${at.toISOString()}>`;

/** The label a card written by the offline rehearsal model carries. */
export const rehearsalNote = (rehearsal: boolean): KnownBlock[] =>
  rehearsal ? [{ type: 'context', elements: [{ type: 'mrkdwn', text: '🧪 Rehearsal content (offline model) — not written by Claude.' }] }] : [];


function facts(c: ApprovalCardInput): string {
  const due = c.dueDate ? ` · due ${c.dueDate}` : '';
  return `*${literalText(c.title)}* (v${c.version})\nFrom *${c.requesterName}* · ${c.contentType.replace(/_/g, ' ')} · ${c.level} · urgency ${c.urgency}${due}`;
}

/** The card as it waits: the facts, an excerpt with a Read button, and Approve / Request changes / Reject. */
export function approvalCardBlocks(c: ApprovalCardInput): KnownBlock[] {
  return [
    { type: 'section', text: { type: 'mrkdwn', text: `${c.level === 'L2' ? ':speech_balloon: *Your input is needed:*' : ':inbox_tray: *Approval needed:*'} ${literalText(c.summary)}\n${facts(c)}` } },
    {
      type: 'section',
      text: { type: 'mrkdwn', text: quote(excerpt(c.content)) },
      accessory: { type: 'button', action_id: ActionIds.readFull, value: c.requestId, text: { type: 'plain_text', text: 'Read full text' } },
    },
    {
      type: 'actions',
      block_id: BlockIds.decision,
      elements: [
        { type: 'button', action_id: ActionIds.approve, value: c.requestId, style: 'primary', text: { type: 'plain_text', text: 'Approve' } },
        { type: 'button', action_id: ActionIds.requestChanges, value: c.requestId, text: { type: 'plain_text', text: 'Request changes' } },
        { type: 'button', action_id: ActionIds.reject, value: c.requestId, style: 'danger', text: { type: 'plain_text', text: 'Reject' } },
      ],
    },
    ...rehearsalNote(c.rehearsal),
  ];
}

const OUTCOME: Record<string, string> = {
  approved: ':white_check_mark: Approved',
  changes_requested: ':pencil2: Changes requested',
  rejected: ':x: Rejected',
  expired: ':hourglass: Expired',
};

/** The card once decided: the outcome, who and when, and no live buttons. */
export function decidedCardBlocks(c: ApprovalCardInput, d: { state: string; by: string | null; at: Date | null; comment: string | null }): KnownBlock[] {
  const when = d.at ? ` ${slackDate(d.at)}` : '';
  const by = d.by ? ` by <@${d.by}>` : '';
  return [
    { type: 'section', text: { type: 'mrkdwn', text: `${OUTCOME[d.state] ?? d.state}${by}${when}\n${facts(c)}` } },
    // The comment has a section of its own: up to 3,000 characters, as the modal takes, would not fit beside the facts.
    ...(d.comment ? [{ type: 'section' as const, text: { type: 'mrkdwn' as const, text: fit(quote(d.comment)) } }] : []),
    { type: 'section', text: { type: 'mrkdwn', text: quote(excerpt(c.content)) } },
  ];
}

/** The Request changes modal: what should change (required). `metadata` says which request. */
export function changesModal(title: string, metadata: string): types.ModalView {
  return textModal({ callbackId: CallbackIds.changesModal, blockId: BlockIds.comment, title: 'Request changes', question: `What should change in *${modalName(title)}*?`, label: 'Changes', metadata, minLength: 3 });
}

/** The whole draft in a modal, in section blocks (Slack takes 3,000 characters a section, escaping included, and 100 blocks a modal). */
export function fullTextModal(title: string, content: string): types.ModalView {
  const pieces = content.match(/[\s\S]{1,2400}/g) ?? [''];
  return {
    type: 'modal',
    title: { type: 'plain_text', text: 'Draft' },
    close: { type: 'plain_text', text: 'Close' },
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: title.slice(0, 150) || 'Draft' } },
      ...pieces.slice(0, 99).map((p) => ({ type: 'section' as const, text: { type: 'mrkdwn' as const, text: literalText(p) } })),
    ],
  };
}
