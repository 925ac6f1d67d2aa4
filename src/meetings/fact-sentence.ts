import type { FactKind } from './fact.js';

/** A row of the fact sheet's query: the parts its sentence is made of (which columns a kind uses varies). */
export interface FactRow {
  ref: string;
  kind: FactKind;
  at: Date | string | null;
  conversation_id: string | null;
  /** The words of the sentence, put together in sentenceOf. */
  title: string | null;
  detail: string | null;
  version: number | null;
  content_type: string | null;
  due_date: string | null;
  status: string | null;
}

const clip = (text: string, max = 140) => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
};
const draft = (r: FactRow) => `"${clip(r.title ?? '', 100)}" v${r.version} (${(r.content_type ?? 'deliverable').replace(/_/g, ' ')})`;
const due = (r: FactRow) => (r.due_date ? `due ${r.due_date}` : 'no due date');
/** A task's status as a sentence says it. */
export const STATUS_WORDS: Record<string, string> = { todo: 'to do', in_progress: 'in progress', in_review: 'in review', blocked: 'blocked' };

/** The plain sentence an agent reads for a fact. */
export function sentenceOf(r: FactRow): string {
  const title = clip(r.title ?? '');
  switch (r.kind) {
    case 'task_done':
      return `Completed task "${title}"`;
    case 'version_submitted':
      return `Submitted ${draft(r)}`;
    case 'approval_granted':
      return `${draft(r)} was approved`;
    case 'decision_made':
      return `Decided (${(r.detail ?? '').replace(/_/g, ' ')}): ${title}`;
    case 'publication':
      return `Published ${draft(r)}`;
    case 'escalation_resolved':
      return `Escalation "${title}" was resolved${r.detail ? `: ${clip(r.detail, 100)}` : ''}`;
    case 'workflow_step':
      return `Did the ${(r.detail ?? '').replace(/_/g, ' ')} step of the ${(r.content_type ?? '').replace(/_/g, ' ')} workflow${r.title ? ` on "${title}"` : ''}`;
    case 'task_open':
      return `Task "${title}" is ${STATUS_WORDS[r.status ?? ''] ?? r.status}, ${due(r)}`;
    case 'awaiting_approval':
      return `${draft(r)} is waiting for approval`;
    case 'task_blocked':
      return `Task "${title}" is blocked, ${due(r)}`;
    case 'task_overdue':
      return `Task "${title}" is overdue (due ${r.due_date}, ${STATUS_WORDS[r.status ?? ''] ?? r.status})`;
    case 'escalation_open':
      return `Escalated to ${r.detail}, still open: "${title}"`;
    case 'escalation_received':
      return `Escalation from ${r.detail} waits for my answer: "${title}"`;
    case 'changes_requested':
      return `Changes requested on ${draft(r)}, not yet revised${r.detail ? `: ${clip(r.detail, 100)}` : ''}`;
  }
}
