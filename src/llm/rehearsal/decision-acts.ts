import type { WorkTask } from '../../agents/thread-work.js';
import type { TurnPrompt } from '../../agents/turn-prompt.js';
import type { AgentDef } from '../../department/schema.js';
import { APPROVAL_WORDS } from '../../agents/decision-words.js';
import type { Act, ToolCall } from './decide.js';
import { draftFor } from './drafts.js';
import { REHEARSAL_NOTE } from './text.js';

const OPEN = new Set(['todo', 'in_progress', 'blocked', 'in_review']);

/** What a person said with a decision: the comment or instructions, quoted in the message. */
const saidIn = (text: string) => /(?:What should change|They say|Comment|Reason):\s*"([\s\S]*?)"(?:\s|$)/.exec(text)?.[1] ?? '';

const closeTasks = (tasks: WorkTask[], status: 'done' | 'cancelled'): ToolCall[] => tasks.map((t) => ({ tool: 'update_task', input: { task_id: t.id, status } }));
const post = (text: string): ToolCall => ({ tool: 'post_message', input: { text: `${text}\n${REHEARSAL_NOTE}`, mentions: [], type: 'status_update', priority: 'normal' } });

/**
 * A person decided on this agent's work with a card's button: approved → it goes on (and closes
 * its tasks here); changes or instructions → a revision, which the policy sends for approval again;
 * rejected → it stops. The deliverable is found by the id the decision names, in the thread's records.
 */
export function decisionAct(p: TurnPrompt, me: AgentDef): Act {
  const text = p.incoming.text;
  const id = /\b(dlvb_[0-9a-f]+)\b/.exec(text)?.[1];
  const d = p.work?.deliverables.find((x) => x.id === id && x.author === me.id);
  const mine = (p.work?.tasks ?? []).filter((t) => t.assignee === me.id && OPEN.has(t.status));
  const what = d ? `*${d.title}* v${d.version}` : 'this';
  const who = p.incoming.fromName;

  if (text.startsWith(APPROVAL_WORDS.approved)) {
    return {
      lead: '(rehearsal) Approved: going ahead.',
      calls: [post(`Thanks ${who}: ${what} is approved and final. Going ahead with it; no publishing channel is connected, so it stays in the department's records.`), ...closeTasks(mine, 'done')],
    };
  }
  if (text.startsWith(APPROVAL_WORDS.rejected)) {
    return { lead: '(rehearsal) Rejected: stopping.', calls: [post(`Understood, ${who}: I've stopped work on ${what}.`), ...closeTasks(mine, 'cancelled')] };
  }
  const revise = text.startsWith(APPROVAL_WORDS.changes_requested) || text.startsWith(APPROVAL_WORDS.instructed);
  if (revise && d) {
    const content = draftFor(d.contentType, d.title, me, { version: d.version + 1, asked: saidIn(text) });
    return { lead: `(rehearsal) Revising ${d.title} as asked.`, calls: [{ tool: 'submit_deliverable', input: { deliverable_id: d.id, content_type: d.contentType, title: d.title, content } }] };
  }
  if (revise) return { lead: '(rehearsal) Noted.', calls: [post(`Noted, ${who}: I'll rework it as you said: “${saidIn(text)}”.`)] };
  return { lead: '(rehearsal) Nothing to add.', calls: [{ tool: 'decline', input: { reason: 'a decision with nothing for me to do' } }] };
}
