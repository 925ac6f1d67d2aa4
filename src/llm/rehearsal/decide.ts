import type { PromptEntry, TurnPrompt } from '../../agents/turn-prompt.js';
import type { AgentDef, Department } from '../../department/schema.js';
import { assignmentText, directText, wrapUpText } from './compose.js';
import { campaignTitleOf } from './campaign-steps.js';
import { contentTypeOf, deliverableFor, draftFor, titleOf } from './drafts.js';
import { workflowStepAct } from './workflow-steps.js';
import { disagreementStart, disagreementStepAct } from './disagreement-steps.js';
import { crisisStart, crisisStepAct } from './crisis-steps.js';
import { decisionAct } from './decision-acts.js';
import { matchesExpertise, names, topicOf } from './text.js';

/** One tool call of the rehearsal model, by name with its input (the same protocol as Claude's). */
export interface ToolCall {
  tool: string;
  input: Record<string, unknown>;
}

/** The tool calls the rehearsal model makes in a turn, plus the short text it says before them (as Claude often does). */
export interface Act {
  lead: string;
  calls: ToolCall[];
}

/** Answers from other agents: they close a loop this agent opened, or need nothing. */
const FOLLOW_UPS = new Set(['reply', 'deliverable', 'feedback', 'status_update']);
/** Announcements: nothing to answer. */
const NOTICES = new Set(['fyi', 'decision', 'system']);

/** ES2022 target: no Array#findLastIndex. */
function lastIndex<T>(xs: T[], pred: (x: T) => boolean): number {
  for (let i = xs.length - 1; i >= 0; i--) if (pred(xs[i]!)) return i;
  return -1;
}

export const decline = (reason: string): Act => ({ lead: `(rehearsal) Nothing to post: ${reason}.`, calls: [{ tool: 'decline', input: { reason } }] });

/**
 * The rehearsal model's whole policy, pure and deterministic: delegate by expertise, answer
 * directly otherwise, and close a delegation with exactly one wrap-up once everyone delivered.
 * `allowed` says which agent ids may be mentioned (the post_message tool's enum).
 */
export function decide(p: TurnPrompt, me: AgentDef, dept: Department, allowed: (id: string) => boolean): Act {
  const inc = p.incoming;
  if (inc.from === me.id) return decline('my own message');
  // A person's decision on my work, from a card's button (type decision, never a typed message).
  if (inc.type === 'decision' && inc.from.startsWith('human:')) return decisionAct(p, me);
  // A workflow's step (or hand-off) asked of me.
  const step = dept.byId.has(inc.from) ? (workflowStepAct(p, me) ?? disagreementStepAct(p, me, dept) ?? crisisStepAct(p, me)) : null;
  if (step) return step;
  if (dept.byId.has(inc.from) && FOLLOW_UPS.has(inc.type)) return followUp(p, me, dept);
  if (NOTICES.has(inc.type)) return decline('for information; nothing to add');

  const topic = topicOf(inc.text);
  const started = me.layer !== 'specialist' ? (crisisStart(p, me, topic) ?? disagreementStart(p, me, dept, topic)) : null;
  if (started) return started;
  // A person asks a content lead for a blog post: the content workflow runs it (one per thread).
  if (inc.from.startsWith('human:') && !p.work?.workflow && me.manages.includes('copywriter') && contentTypeOf(topic) === 'blog_post') {
    return { lead: '(rehearsal) Starting the content workflow.', calls: [{ tool: 'start_workflow', input: { workflow: 'content', topic: titleOf(topic), content_type: 'blog_post' } }] };
  }
  // A person asks the campaign lead for a campaign or a launch: the campaign workflow runs it.
  if (inc.from.startsWith('human:') && !p.work?.workflow && me.id === 'campaign_manager' && /\b(campaign|launch)\b/i.test(topic)) {
    return { lead: '(rehearsal) Starting the campaign launch workflow.', calls: [{ tool: 'start_workflow', input: { workflow: 'campaign', topic: campaignTitleOf(topic) } }] };
  }
  const requester = dept.byId.has(inc.from) && allowed(inc.from) ? [inc.from] : [];
  const myTasks = (p.work?.tasks ?? []).filter((t) => t.assignee === me.id && (t.status === 'todo' || t.status === 'in_progress'));
  // Content this agent writes (whatever its layer) goes in as a deliverable: the autonomy policy decides who must see it.
  // Read from the topic: an assignment's scope lines name other kinds of work.
  const contentType = inc.type === 'review_request' ? null : deliverableFor(me, topic);
  if (contentType) {
    const title = titleOf(topic);
    const task = myTasks[0];
    return {
      lead: `(rehearsal) Submitting the ${contentType.replace(/_/g, ' ')} draft.`,
      calls: [
        { tool: 'submit_deliverable', input: { content_type: contentType, title, content: draftFor(contentType, title, me), notify: requester, ...(task ? { task_id: task.id } : {}) } },
        ...(task ? [{ tool: 'update_task', input: { task_id: task.id, status: 'in_review' } }] : []),
      ],
    };
  }
  const delegates =
    inc.type === 'review_request'
      ? []
      : me.manages
          .map((id) => dept.byId.get(id))
          .filter((a): a is AgentDef => !!a && a.id !== inc.from && allowed(a.id) && matchesExpertise(a, inc.text));
  if (delegates.length > 0) {
    return {
      lead: `(rehearsal) Delegating to ${names(delegates)}.`,
      calls: [
        // The task list records who owes what (/dept tasks), beside the assignment in the thread.
        ...delegates.map((d) => ({ tool: 'create_task', input: { title: `${topic}: ${d.title} part`, assignee: d.id } })),
        {
          tool: 'post_message',
          input: {
            text: assignmentText(delegates, inc, topic),
            mentions: delegates.map((d) => d.id),
            type: 'task_assignment',
            priority: 'normal',
            subject: `Assignment: ${topic}`,
          },
        },
      ],
    };
  }
  const kind = inc.type === 'review_request' ? 'feedback' : me.layer === 'specialist' ? 'deliverable' : 'reply';
  // A specialist's answer settles the task it was given here.
  const settled = kind === 'deliverable' ? myTasks.map((t) => ({ tool: 'update_task', input: { task_id: t.id, status: 'done' } })) : [];
  return {
    lead: '(rehearsal) Answering directly.',
    calls: [
      {
        tool: 'post_message',
        input: {
          text: directText(me, inc, topic, kind),
          mentions: requester,
          type: kind,
          priority: 'normal',
          subject: `${kind === 'deliverable' ? 'Deliverable' : kind === 'feedback' ? 'Review' : 'Re'}: ${topic}`,
        },
      },
      ...settled,
    ],
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
    lead: '(rehearsal) Everyone delivered; wrapping up.',
    calls: [{ tool: 'post_message', input: { text: wrapUpText(me, topic, delivered), mentions: [], type: 'status_update', priority: 'normal', subject: `Wrap-up: ${topic}` } }],
  };
}
