import type { PromptEntry, TurnPrompt } from '../../agents/turn-prompt.js';
import type { PostMessageInput } from '../../agents/tools.js';
import type { AgentDef, Department } from '../../department/schema.js';
import { assignmentText, directText, wrapUpText } from './compose.js';
import { matchesExpertise, names, topicOf } from './text.js';

/** One tool call the rehearsal model makes, plus the short text it says before it (as Claude often does). */
export type Act =
  | { tool: 'post_message'; input: PostMessageInput; lead: string }
  | { tool: 'decline'; input: { reason: string }; lead: string };

/** Answers from other agents: they close a loop this agent opened, or need nothing. */
const FOLLOW_UPS = new Set(['reply', 'deliverable', 'feedback', 'status_update']);
/** Announcements: nothing to answer. */
const NOTICES = new Set(['fyi', 'decision', 'system']);

/** ES2022 target: no Array#findLastIndex. */
function lastIndex<T>(xs: T[], pred: (x: T) => boolean): number {
  for (let i = xs.length - 1; i >= 0; i--) if (pred(xs[i]!)) return i;
  return -1;
}

const decline = (reason: string): Act => ({ tool: 'decline', input: { reason }, lead: `(rehearsal) Nothing to post: ${reason}.` });

/**
 * The rehearsal model's whole policy, pure and deterministic: delegate by expertise, answer
 * directly otherwise, and close a delegation with exactly one wrap-up once everyone delivered.
 * `allowed` says which agent ids may be mentioned (the post_message tool's enum).
 */
export function decide(p: TurnPrompt, me: AgentDef, dept: Department, allowed: (id: string) => boolean): Act {
  const inc = p.incoming;
  if (inc.from === me.id) return decline('my own message');
  if (dept.byId.has(inc.from) && FOLLOW_UPS.has(inc.type)) return followUp(p, me, dept);
  if (NOTICES.has(inc.type)) return decline('for information; nothing to add');

  const topic = topicOf(inc.text);
  const delegates =
    inc.type === 'review_request'
      ? []
      : me.manages
          .map((id) => dept.byId.get(id))
          .filter((a): a is AgentDef => !!a && a.id !== inc.from && allowed(a.id) && matchesExpertise(a, inc.text));
  if (delegates.length > 0) {
    return {
      tool: 'post_message',
      lead: `(rehearsal) Delegating to ${names(delegates)}.`,
      input: {
        text: assignmentText(delegates, inc, topic),
        mentions: delegates.map((d) => d.id),
        type: 'task_assignment',
        priority: 'normal',
        subject: `Assignment: ${topic}`,
      },
    };
  }
  const kind = inc.type === 'review_request' ? 'feedback' : me.layer === 'specialist' ? 'deliverable' : 'reply';
  const requester = dept.byId.has(inc.from) && allowed(inc.from) ? [inc.from] : [];
  return {
    tool: 'post_message',
    lead: '(rehearsal) Answering directly.',
    input: {
      text: directText(me, inc, topic, kind),
      mentions: requester,
      type: kind,
      priority: 'normal',
      subject: `${kind === 'deliverable' ? 'Deliverable' : kind === 'feedback' ? 'Review' : 'Re'}: ${topic}`,
    },
  };
}

/** An answer arrived: wrap up only when every agent of this agent's latest assignment has posted since. */
function followUp(p: TurnPrompt, me: AgentDef, dept: Department): Act {
  const at = lastIndex(p.history, (e) => e.from === me.id && e.type === 'task_assignment');
  const assignment = p.history[at];
  if (!assignment) return decline('acknowledgement; nothing to add');
  const after: PromptEntry[] = [...p.history.slice(at + 1), p.incoming];
  if (after.some((e) => e.from === me.id && e.type === 'status_update')) return decline('already wrapped up');
  const assignees = assignment.to.map((id) => dept.byId.get(id)).filter((a): a is AgentDef => !!a && a.id !== me.id);
  if (assignees.length === 0) return decline('acknowledgement; nothing to add');
  const pending = assignees.filter((a) => !after.some((e) => e.from === a.id));
  if (pending.length > 0) return decline(`waiting for ${names(pending)}`);

  const topic = topicOf(assignment.text);
  const delivered = assignees.map((agent) => ({ agent, entry: after[lastIndex(after, (e) => e.from === agent.id)]! }));
  return {
    tool: 'post_message',
    lead: '(rehearsal) Everyone delivered; wrapping up.',
    input: { text: wrapUpText(me, topic, delivered), mentions: [], type: 'status_update', priority: 'normal', subject: `Wrap-up: ${topic}` },
  };
}
