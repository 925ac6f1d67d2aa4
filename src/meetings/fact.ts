/*
 * What an agent may say at a standup: facts read from the store, each naming the record it comes
 * from (ref), so an update written from them can be checked claim by claim.
 */

export const DONE_KINDS = ['task_done', 'version_submitted', 'approval_granted', 'decision_made', 'publication', 'escalation_resolved', 'workflow_step'] as const;
export const DOING_KINDS = ['task_open', 'awaiting_approval'] as const;
export const BLOCKER_KINDS = ['task_blocked', 'task_overdue', 'escalation_open', 'escalation_received', 'changes_requested'] as const;
export const FACT_KINDS = [...DONE_KINDS, ...DOING_KINDS, ...BLOCKER_KINDS] as const;
export type FactKind = (typeof FACT_KINDS)[number];

export interface Fact {
  /** The record's id: a task, deliverable, approval request, decision, escalation, publication or workflow run. */
  ref: string;
  kind: FactKind;
  /** One plain sentence, on one line. */
  text: string;
  at?: Date;
  conversationId?: string;
}

export interface FactSheet {
  agentId: string;
  since: Date;
  until: Date;
  /** Finished in the window. */
  done: Fact[];
  /** Open now: tasks under way, work waiting for a person. */
  doing: Fact[];
  /** Blocked or overdue tasks, open escalations, changes requested and not yet made. */
  blockers: Fact[];
  /** Its messages in the window, and in how many threads. */
  activity: { messages: number; threads: number };
}

/** Nothing real to report: no facts and no messages in the window. */
export function isEmpty(sheet: FactSheet): boolean {
  return sheet.done.length === 0 && sheet.doing.length === 0 && sheet.blockers.length === 0 && sheet.activity.messages === 0;
}

/** Every ref a sheet can back: its facts' records and the threads they are in. */
export function sheetRefs(sheet: FactSheet): Set<string> {
  const refs = new Set<string>();
  for (const fact of [...sheet.done, ...sheet.doing, ...sheet.blockers]) {
    refs.add(fact.ref);
    if (fact.conversationId) refs.add(fact.conversationId);
  }
  return refs;
}
