import type { Db } from '../store/database.js';
import { decisions, tasks } from '../store/schema.js';
import { stableId } from '../workflows/workflow-posts.js';
import type { MeetingOutcome } from './meeting-prompts.js';

export interface RecordedOutcome {
  decisions: { id: string; decision: string; reasoning: string }[];
  tasks: { id: string; assignee: string; title: string; dueDate: string }[];
  /** Action items for nobody in the department: said in the thread, not made tasks. */
  unassigned: string[];
}

/**
 * A meeting's decisions (seed 3.3 records) and action items (tasks for their owners), linked to
 * its thread, once: their ids come from the meeting, so a meeting that is run again after a crash
 * finds them instead of adding more.
 */
export async function recordMeetingOutcome(
  db: Db,
  m: { meetingId: string; conversationId: string; lead: string; decisionType: string; context: string; known: Set<string>; defaultDue: string },
  outcome: MeetingOutcome,
): Promise<RecordedOutcome> {
  const items = outcome.action_items.map((a, i) => ({ ...a, id: stableId('task', `${m.meetingId}:action:${i}`) }));
  const assigned = items.filter((a) => m.known.has(a.assignee));
  const recorded: RecordedOutcome = {
    decisions: outcome.decisions.map((d, i) => ({ id: stableId('dec', `${m.meetingId}:decision:${i}`), decision: d.decision, reasoning: d.reasoning })),
    tasks: assigned.map((a) => ({ id: a.id, assignee: a.assignee, title: a.action, dueDate: a.due_date ?? m.defaultDue })),
    unassigned: items.filter((a) => !m.known.has(a.assignee)).map((a) => `${a.action} (owner “${a.assignee}” is not in the department)`),
  };
  /*
   * The outcome does not say which decision an action item carries out: the items are recorded
   * once, on the meeting's first decision (and its tasks link to that one), not copied onto every
   * decision. The other decisions carry no actions.
   */
  const actions = recorded.tasks.map((t) => ({ assigned_to: t.assignee, action: t.title, due_date: t.dueDate }));
  const first = recorded.decisions[0]?.id ?? null;
  await db.transaction(async (tx) => {
    if (recorded.decisions.length > 0) {
      await tx
        .insert(decisions)
        .values(recorded.decisions.map((d) => ({ id: d.id, maker: m.lead, type: m.decisionType, context: m.context, decision: d.decision, reasoning: d.reasoning, actions: d.id === first ? actions : [], approvalChain: [m.lead], conversationId: m.conversationId })))
        .onConflictDoNothing();
    }
    if (recorded.tasks.length > 0) {
      await tx
        .insert(tasks)
        .values(recorded.tasks.map((t) => ({ id: t.id, title: t.title, assignee: t.assignee, requester: m.lead, updatedBy: m.lead, dueDate: t.dueDate, conversationId: m.conversationId, decisionId: first })))
        .onConflictDoNothing();
    }
  });
  return recorded;
}
