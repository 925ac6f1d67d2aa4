import type { types } from '@slack/bolt';
import type { CardKind } from '../store/work-schema.js';
import type { Department } from '../department/schema.js';
import type { EscalationRow, WorkStore } from '../store/work-store.js';
import type { ApprovalDesk } from './approval-desk.js';
import { approvalCardBlocks, decidedCardBlocks } from './blocks/approval-card.js';
import { decisionCardBlocks } from './blocks/decision-card.js';
import { escalationCardBlocks, escalationCardText, resolvedEscalationBlocks, type EscalationCardInput, type EscalationLevel, type EscalationUrgency } from './blocks/escalation-card.js';
import { literalText } from './text.js';

export interface RenderedCard {
  /** The notification and fallback text. */
  text: string;
  blocks: types.KnownBlock[];
}

export interface CardRenderer {
  /** A card as its request stands now (waiting, or decided with no buttons); null when there is no such request. */
  render(kind: CardKind, refId: string): Promise<RenderedCard | null>;
}

const DECIDED: Record<string, string> = { approved: 'Approved', changes_requested: 'Changes requested', rejected: 'Rejected', expired: 'Expired', instructed: 'Instructions given', withdrawn: 'Withdrawn' };

/** Cards are drawn from the records every time, so a post and a later chat.update show the same truth. */
export function createCardRenderer(deps: { desk: ApprovalDesk; work: WorkStore; department: Department }): CardRenderer {
  return {
    async render(kind, refId) {
      if (kind === 'approval') {
        const found = await deps.desk.card(refId);
        if (!found) return null;
        const { card, request } = found;
        if (request.state === 'pending') {
          const ask = request.autonomyLevel === 'L2' ? 'Input needed' : 'Approval needed';
          return { text: `${ask}: ${literalText(card.title)} (from ${card.requesterName})`, blocks: approvalCardBlocks(card) };
        }
        const blocks = decidedCardBlocks(card, { state: request.state, by: request.decidedBy, at: request.decidedAt, comment: request.comment });
        return { text: `${DECIDED[request.state] ?? request.state}: ${literalText(card.title)}`, blocks };
      }
      if (kind === 'decision') {
        const d = await deps.work.decision(refId);
        if (!d) return null;
        const maker = makerName(d.maker, deps.department);
        return { text: `Decision by ${maker}: ${literalText(d.decision)}`, blocks: decisionCardBlocks(d, maker) };
      }
      const row = await deps.work.escalation(refId);
      if (!row) return null;
      const card = escalationCard(row, deps.department);
      if (row.state === 'open') return { text: escalationCardText(card), blocks: escalationCardBlocks(card) };
      const state = row.state === 'withdrawn' ? 'withdrawn' : (row.outcome ?? 'approved');
      return { text: `${DECIDED[state] ?? state}: ${escalationCardText(card)}`, blocks: resolvedEscalationBlocks(card, { state, by: row.resolvedBy, at: row.resolvedAt, comment: row.resolution }) };
    },
  };
}

/** An agent's name, or a person as a Slack mention. */
const makerName = (maker: string, department: Department) => (maker.startsWith('human:') ? `<@${maker.slice('human:'.length)}>` : (department.byId.get(maker)?.name ?? maker));

/** What an escalation's card shows, from its record. */
export function escalationCard(row: EscalationRow, department: Department): EscalationCardInput {
  const target = department.byId.get(row.toTarget);
  return {
    escalationId: row.id,
    level: row.level as EscalationLevel,
    category: row.category,
    fromName: department.byId.get(row.fromAgent)?.name ?? row.fromAgent,
    toLabel: target?.name ?? 'a person (the approvers)',
    issue: row.issue,
    attemptsMade: row.attemptsMade,
    urgency: row.urgency as EscalationUrgency,
    recommendation: row.recommendation,
    impact: row.impact,
    humanLed: row.deliverableId !== null || row.category === 'crisis' || row.category === 'legal_compliance',
    rehearsal: row.rehearsal,
  };
}
