import type { types } from '@slack/bolt';
import type { Department } from '../../department/schema.js';
import { splitText } from '../../lib/split-text.js';
import type { DecisionRow, TaskRow } from '../../store/work-store.js';
import { literalText } from '../text.js';

type KnownBlock = types.KnownBlock;

const nameOf = (department: Department, id: string) => (id.startsWith('human:') ? `<@${id.slice(6)}>` : (department.byId.get(id)?.name ?? id));
const sections = (text: string): KnownBlock[] => splitText(text, 2900).map((t) => ({ type: 'section', text: { type: 'mrkdwn', text: t } }));

/** `/dept tasks` and the Home tab: open tasks by owner, with status and due date; `total` when only the first are given. */
export function taskListBlocks(department: Department, tasks: TaskRow[], owner?: string, total = tasks.length): KnownBlock[] {
  const title = owner ? `Open tasks of ${nameOf(department, owner)}` : 'Open tasks';
  if (tasks.length === 0) return sections(`*${title}*\nNone.`);
  const byOwner = new Map<string, TaskRow[]>();
  for (const t of tasks) byOwner.set(t.assignee, [...(byOwner.get(t.assignee) ?? []), t]);
  const lines = [`*${title}* (${total > tasks.length ? `${tasks.length} of ${total}` : tasks.length})`];
  for (const [who, list] of byOwner) {
    lines.push(`\n*${nameOf(department, who)}*`);
    for (const t of list) lines.push(`• ${literalText(t.title)} — ${t.status.replace('_', ' ')}${t.dueDate ? ` · due ${t.dueDate}` : ''}`);
  }
  return sections(lines.join('\n'));
}

/** `/dept tasks`: what was finished lately, so the list also shows what happened. */
export function finishedTaskBlocks(department: Department, tasks: TaskRow[]): KnownBlock[] {
  if (tasks.length === 0) return [];
  const lines = ['*Finished in the last 7 days*', ...tasks.map((t) => `• ${literalText(t.title)} — ${t.status} · ${nameOf(department, t.assignee)}, ${t.updatedAt.toISOString().slice(0, 10)}`)];
  return sections(lines.join('\n'));
}

/** `/dept decisions`: the latest decisions (matching the words, when given). */
export function decisionListBlocks(department: Department, decisions: DecisionRow[], words: string): KnownBlock[] {
  const title = words ? `Decisions matching "${literalText(words)}"` : 'Latest decisions';
  if (decisions.length === 0) return sections(`*${title}*\nNone recorded.`);
  const lines = [`*${title}*`];
  for (const d of decisions) {
    const when = d.createdAt.toISOString().slice(0, 10);
    lines.push(`• *${literalText(d.decision)}* — ${d.type.replace(/_/g, ' ')}, by ${nameOf(department, d.maker)} on ${when}\n    ${literalText(d.context)}${d.reasoning ? ` · _${literalText(d.reasoning)}_` : ''}`);
  }
  return sections(lines.join('\n'));
}
