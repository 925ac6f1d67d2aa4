import type { types } from '@slack/bolt';
import { ActionIds, BlockIds, CallbackIds } from '../action-ids.js';
import { literalText } from '../text.js';
import { quote, rehearsalNote, slackDate } from './approval-card.js';
import { fit, modalName, SECTION_CHARS, textModal } from './fit-text.js';

type KnownBlock = types.KnownBlock;

export type EscalationLevel = 'manager' | 'vp' | 'cmo' | 'human';
export type EscalationUrgency = 'low' | 'medium' | 'high' | 'critical';
export type EscalationOutcome = 'approved' | 'changes_requested' | 'rejected' | 'instructed';

/** What an escalation card shows (seed 3.4): every text field as the agent wrote it, shown literally. */
export interface EscalationCardInput {
  escalationId: string;
  level: EscalationLevel;
  category: string;
  /** The escalating agent's name. */
  fromName: string;
  /** Who it reaches: "a person", "Chief Marketing Officer". */
  toLabel: string;
  issue: string;
  attemptsMade: string;
  urgency: EscalationUrgency;
  recommendation: string;
  impact: string;
  /** L1: the person leads and must give instructions, so the card offers Give instructions first. */
  humanLed: boolean;
  rehearsal: boolean;
}

export interface EscalationResolution {
  /** withdrawn: its agent replaced the draft it was about (nobody decided it). */
  state: EscalationOutcome | 'withdrawn';
  /** Slack user id of the person who resolved it; null when withdrawn. */
  by: string | null;
  at: Date | null;
  /** The comment (changes, rejection) or the instructions. */
  comment: string | null;
}

/** Names stay far below a field's 2,000 characters. */
const NAME_CHARS = 200;

const LEVEL: Record<EscalationLevel, string> = { manager: 'Manager', vp: 'VP', cmo: 'CMO', human: 'Human' };
const URGENCY: Record<EscalationUrgency, string> = {
  low: ':large_green_circle: Low',
  medium: ':large_yellow_circle: Medium',
  high: ':large_orange_circle: High',
  critical: ':red_circle: Critical',
};
const OUTCOME: Record<EscalationResolution['state'], string> = {
  withdrawn: ':hourglass: Withdrawn',
  approved: ':white_check_mark: Recommendation approved',
  changes_requested: ':pencil2: Changes requested',
  rejected: ':x: Rejected',
  instructed: ':compass: Instructions given',
};

const categoryWords = (category: string) => {
  const words = category.replace(/_/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
};

/** The escalation in a few plain words, for a modal's question or a notification: "CMO escalation: Brand voice". Not escaped. */
export const escalationTitle = (c: Pick<EscalationCardInput, 'level' | 'category'>) => `${LEVEL[c.level] ?? c.level} escalation: ${categoryWords(c.category)}`;

/** The message's `text` (notifications, screen readers): level, category and who escalates, shown literally. */
export const escalationCardText = (c: EscalationCardInput) =>
  `ESCALATION: ${fit(literalText(`${LEVEL[c.level] ?? c.level} ${categoryWords(c.category)}`), NAME_CHARS)} from ${fit(literalText(c.fromName), NAME_CHARS)}`;

const longField = (label: string, text: string): KnownBlock => {
  const head = `*${label}:*\n`;
  const body = text.trim() ? fit(literalText(text.trim()), SECTION_CHARS - head.length) : '_Not stated._';
  return { type: 'section', text: { type: 'mrkdwn', text: head + body } };
};

/** The seed's format, in its order: the ESCALATION line with FROM and TO beside each other, then ISSUE … IMPACT. */
function escalationSections(c: EscalationCardInput): KnownBlock[] {
  const heading = `:rotating_light: *ESCALATION:* ${LEVEL[c.level] ?? literalText(c.level)} ${fit(literalText(categoryWords(c.category)), NAME_CHARS)}`;
  return [
    {
      type: 'section',
      text: { type: 'mrkdwn', text: heading },
      fields: [
        { type: 'mrkdwn', text: `*FROM:*\n${fit(literalText(c.fromName), NAME_CHARS)}` },
        { type: 'mrkdwn', text: `*TO:*\n${fit(literalText(c.toLabel), NAME_CHARS)}` },
      ],
    },
    longField('ISSUE', c.issue),
    longField('ATTEMPTS MADE', c.attemptsMade),
    { type: 'section', text: { type: 'mrkdwn', text: `*URGENCY:* ${URGENCY[c.urgency] ?? literalText(c.urgency)}` } },
    longField('RECOMMENDATION', c.recommendation),
    longField('IMPACT', c.impact),
  ];
}

function decisionButtons(c: EscalationCardInput): KnownBlock {
  const button = (actionId: string, label: string, style?: 'primary' | 'danger'): types.Button => ({
    type: 'button',
    action_id: actionId,
    value: c.escalationId,
    text: { type: 'plain_text', text: label },
    ...(style ? { style } : {}),
  });
  return {
    type: 'actions',
    block_id: BlockIds.escalationDecision,
    elements: [
      ...(c.humanLed ? [button(ActionIds.escalationInstruct, 'Give instructions', 'primary')] : []),
      button(ActionIds.escalationApprove, 'Approve', c.humanLed ? undefined : 'primary'),
      button(ActionIds.escalationRequestChanges, 'Request changes'),
      button(ActionIds.escalationReject, 'Reject', 'danger'),
    ],
  };
}

/** The card as it waits: the escalation in the seed's format, then Approve (the recommendation) / Request changes / Reject, and Give instructions when a person leads. */
export function escalationCardBlocks(c: EscalationCardInput): KnownBlock[] {
  const lead: KnownBlock[] = c.humanLed
    ? [{ type: 'context', elements: [{ type: 'mrkdwn', text: ':bust_in_silhouette: A person leads this decision: give the department instructions, or approve its recommendation.' }] }]
    : [];
  return [...escalationSections(c), ...lead, decisionButtons(c), ...rehearsalNote(c.rehearsal)];
}

/** The card once resolved: the outcome, who and when, the comment or instructions quoted, and no live buttons. */
export function resolvedEscalationBlocks(c: EscalationCardInput, r: EscalationResolution): KnownBlock[] {
  const line = `${OUTCOME[r.state] ?? literalText(r.state)}${r.by ? ` by <@${r.by}>` : ''}${r.at ? ` ${slackDate(r.at)}` : ''}`;
  const said = r.comment?.trim() ? `\n${fit(quote(r.comment.trim()), SECTION_CHARS - line.length - 1)}` : '';
  return [{ type: 'section', text: { type: 'mrkdwn', text: line + said } }, ...escalationSections(c), ...rehearsalNote(c.rehearsal)];
}

/** The Give instructions modal: what the department should do (required). `metadata` says which escalation. */
export function instructionsModal(title: string, metadata: string): types.ModalView {
  return textModal({ callbackId: CallbackIds.instructionsModal, blockId: BlockIds.instructions, title: 'Give instructions', question: `What should the department do about *${modalName(title)}*?`, label: 'Instructions', metadata });
}
