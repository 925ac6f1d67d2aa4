import type { types } from '@slack/bolt';
import type { DecisionRow } from '../../store/work-store.js';
import { literalText } from '../text.js';
import { fit } from './fit-text.js';

const words = (type: string) => type.replace(/_/g, ' ');

/** A recorded decision (seed 3.3) as the decisions channel shows it: who, what, why, the actions it set. */
export function decisionCardBlocks(d: DecisionRow, makerName: string): types.KnownBlock[] {
  const lines = [
    `:pushpin: *Decision* · ${words(d.type)} · by ${makerName}`,
    `*Decision:* ${literalText(d.decision)}`,
    `*Context:* ${literalText(d.context)}`,
    ...(d.reasoning ? [`*Reasoning:* ${literalText(d.reasoning)}`] : []),
    ...(d.actions.length > 0 ? ['*Actions:*', ...d.actions.map((a) => `• ${literalText(a.action)} → ${a.assigned_to}${a.due_date ? ` (due ${a.due_date})` : ''}`)] : []),
    ...(d.dissent ? [`*Dissent noted:* ${literalText(d.dissent)}`] : []),
  ];
  return [
    { type: 'section', text: { type: 'mrkdwn', text: fit(lines.join('\n')) } },
    { type: 'context', elements: [{ type: 'mrkdwn', text: `${d.id}${d.approvalChain.length > 0 ? ` · approval chain: ${d.approvalChain.join(' → ')}` : ''}` }] },
  ];
}
