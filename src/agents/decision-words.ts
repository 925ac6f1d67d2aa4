import type { Department } from '../department/schema.js';
import type { HumanDecisionInput } from '../store/human-decision-statements.js';
import type { EscalationRow } from '../store/work-store.js';

/*
 * What a person's click says, as recorded (seed 3.3) and as the author agent reads it in the
 * thread. The words name the deliverable's id so the author can revise it, and what to do next;
 * the rehearsal model reads them back by the leading words (APPROVAL_WORDS).
 */

export type ApprovalOutcome = 'approved' | 'changes_requested' | 'rejected';
export type EscalationOutcome = ApprovalOutcome | 'instructed';

/** How each outcome's message to the author begins. */
export const APPROVAL_WORDS = {
  approved: ':white_check_mark: Approved:',
  changes_requested: ':pencil2: Changes requested:',
  rejected: ':x: Rejected:',
  instructed: ':compass: Instructions:',
} as const;

const words = (type: string) => type.replace(/_/g, ' ');
const quoted = (text: string | null) => (text ? ` "${text}"` : '');

export interface ApprovalFacts {
  requestId: string;
  deliverableId: string;
  title: string;
  version: number;
  contentType: string;
  level: string;
  author: string;
}

/** An approval card's decision: the record and the author's message. */
export function approvalDecision(f: ApprovalFacts, outcome: ApprovalOutcome, by: string, comment: string | null, department: Department): HumanDecisionInput {
  const name = department.byId.get(f.author)?.name ?? f.author;
  const what = `*${f.title}* v${f.version}`;
  const next = {
    approved: `${name}, go on with it: it may be carried out now.`,
    changes_requested: `${name}, revise it and submit the new version.`,
    rejected: `${name}, stop work on it.`,
  }[outcome];
  const said = outcome === 'changes_requested' ? ` What should change:${quoted(comment)}` : comment ? ` Reason:${quoted(comment)}` : '';
  return {
    id: f.requestId,
    by,
    state: outcome,
    comment,
    record: {
      type: 'content_approval',
      context: `${words(f.contentType)} "${f.title}" v${f.version} by ${name}, asked for approval (${f.level})`,
      decision: { approved: 'Approved', changes_requested: 'Changes requested', rejected: 'Rejected' }[outcome],
      reasoning: comment ?? '',
      approvalChain: [f.author, `human:${by}`],
    },
    // The id last: people read past it; the author needs it to revise.
    message: { to: f.author, text: `${APPROVAL_WORDS[outcome]} ${what}, by <@${by}> with the card's button.${said} ${next} _(deliverable ${f.deliverableId})_` },
  };
}

/** An escalation's answer: the record and the escalating agent's message. */
export function escalationDecision(e: EscalationRow, outcome: EscalationOutcome, by: string, comment: string | null, department: Department): HumanDecisionInput {
  const name = department.byId.get(e.fromAgent)?.name ?? e.fromAgent;
  const about = e.deliverableId ? `*${words(e.category)}* escalation about ${e.deliverableId} v${e.version} (${e.id})` : `*${words(e.category)}* escalation (${e.id})`;
  const next = {
    approved: `${name}, go on as you recommended.`,
    changes_requested: e.deliverableId ? `${name}, revise it and submit the new version with deliverable_id ${e.deliverableId}.` : `${name}, rework your recommendation.`,
    rejected: `${name}, do not go ahead.`,
    instructed: e.deliverableId ? `${name}, follow them: revise and submit with deliverable_id ${e.deliverableId}.` : `${name}, follow them.`,
  }[outcome];
  const said = comment ? ` ${outcome === 'instructed' ? 'They say:' : 'Comment:'}${quoted(comment)}` : '';
  return {
    id: e.id,
    by,
    state: outcome,
    comment,
    record: {
      type: 'escalation_resolution',
      context: `${words(e.category)} escalation from ${name}: ${e.issue}`,
      decision: { approved: 'Recommendation approved', changes_requested: 'Changes requested', rejected: 'Rejected', instructed: 'Instructions given' }[outcome],
      reasoning: comment ?? '',
      approvalChain: [e.fromAgent, `human:${by}`],
    },
    message: { to: e.fromAgent, text: `${APPROVAL_WORDS[outcome]} ${about}, answered by <@${by}>.${said} ${next}` },
  };
}
