import type { AutonomyLevel } from '../department/autonomy-schema.js';
import type { ThreadWork } from './thread-work.js';
import { escalateInput, requestApprovalInput, reviewDeliverableInput, startWorkflowInput, submitDeliverableInput, updateTaskInput } from './tools.js';
import { WORKFLOW_DRAFT_STEPS } from '../workflows/draft-steps.js';
import type { TurnAction } from './turn-state.js';

/**
 * The work tools' checks: what the department file and the thread's records allow, whatever the
 * prompt says. Each answers the action to take and the tool result, or the refusal the model
 * reads (and may correct).
 */
export interface WorkRules {
  self: string;
  /** Every agent id that may be mentioned. */
  known: Set<string>;
  reports: Set<string>;
  /** The agent this one reports to; null when it reports to a person. */
  manager: string | null;
  /** Managers and executives lead workflows; specialists do their steps. */
  mayLead: boolean;
  /** The lowest manager two agents share (who settles their disagreement); null when none. */
  sharedManager?: (a: string, b: string) => string | null;
  /** The autonomy policy's level for a kind of content (unlisted kinds: L2), and this agent's rank's part in it. */
  contentLevel: (contentType: string) => { level: AutonomyLevel; listed: boolean; role?: string };
}

/** Roles of a content row that review and settle the work (approve it, or send it back). */
const REVIEWING_ROLES = new Set(['approve', 'final_approval', 'decide']);

export type ToolOutcome = { ok: true; action: TurnAction; result: string } | { ok: false; error: string };

const refuse = (error: string): ToolOutcome => ({ ok: false, error });
const invalid = (tool: string, error: { issues: { path: PropertyKey[]; message: string }[] }) =>
  refuse(`Invalid ${tool} input: ${error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);

/** What happens to a deliverable at each level, as the author is told. */
const AT_LEVEL: Record<AutonomyLevel, string> = {
  L4: 'It is L4 in the autonomy policy: done, no approval needed; an FYI says so in the thread. Carry on with what follows it.',
  L3: 'It is L3: an approval card was posted for a person, here and in the approvals channel. Wait: the decision reaches you in this thread.',
  L2: 'It is L2: a person was asked for their input (a card here and in the approvals channel). Wait for it before you go on.',
  L1: 'It is L1, human-led: it went to a person as an escalation. Wait for their instructions.',
};

export function submitDeliverable(raw: unknown, rules: WorkRules, work: ThreadWork): ToolOutcome {
  const parsed = submitDeliverableInput.safeParse(raw);
  if (!parsed.success) return invalid('submit_deliverable', parsed.error);
  const input = parsed.data;
  let version = 1;
  let contentType = input.content_type;
  if (input.deliverable_id) {
    const existing = work.deliverables.find((d) => d.id === input.deliverable_id);
    if (!existing) return refuse(`There is no deliverable ${input.deliverable_id} in this thread; leave deliverable_id out to submit a new one.`);
    if (existing.author !== rules.self) return refuse(`${input.deliverable_id} is ${existing.author}'s deliverable: only its author revises it. Send your suggestions in the thread.`);
    version = existing.version + 1;
    contentType = existing.contentType; // a revision stays the kind it was approved as
  }
  if (input.task_id && !work.tasks.some((t) => t.id === input.task_id)) return refuse(`There is no task ${input.task_id} in this thread.`);
  input.notify = [...new Set(input.notify.filter((id) => id !== rules.self))];
  const unknown = input.notify.filter((id) => !rules.known.has(id));
  if (unknown.length > 0) return refuse(`Unknown agent ids in notify: ${unknown.join(', ')}. Use ids from the directory.`);
  const { level, listed } = rules.contentLevel(contentType);
  // A draft the thread's workflow asked for goes through its review, checks and approval (its steps
  // under way are listed comma-separated: parallel tracks each ask for a draft at once).
  if (work.workflow && (work.workflow.step ?? '').split(',').some((step) => WORKFLOW_DRAFT_STEPS.has(step))) {
    return {
      ok: true,
      action: { kind: 'deliverable', input: { ...input, content_type: contentType }, revises: input.deliverable_id ?? null, version, level, viaWorkflow: true },
      result: `Submitted "${input.title}" v${version}. The ${work.workflow.kind} workflow of this thread takes it from here (its next step is asked for in the thread); say nothing more.`,
    };
  }
  const unlisted = listed ? '' : ` (${contentType} is not in the autonomy policy, so a person collaborates: L2)`;
  return {
    ok: true,
    action: { kind: 'deliverable', input: { ...input, content_type: contentType }, revises: input.deliverable_id ?? null, version, level },
    result: `Submitted "${input.title}" v${version}${unlisted}. ${AT_LEVEL[level]}`,
  };
}

export function requestApproval(raw: unknown, rules: WorkRules, work: ThreadWork): ToolOutcome {
  const parsed = requestApprovalInput.safeParse(raw);
  if (!parsed.success) return invalid('request_approval', parsed.error);
  const d = work.deliverables.find((x) => x.id === parsed.data.deliverable_id);
  if (!d) return refuse(`There is no deliverable ${parsed.data.deliverable_id} in this thread.`);
  if (d.approval && d.approval.version === d.version && d.approval.state === 'pending') {
    return refuse(`v${d.version} of ${d.id} already waits for a person (${d.approval.id}): wait for the decision.`);
  }
  if (d.approval && d.approval.version === d.version && d.approval.state === 'approved') return refuse(`v${d.version} of ${d.id} is approved already.`);
  // Asking a person is at least a one-click approval, whatever the policy lets the agent do alone.
  const policy = rules.contentLevel(d.contentType).level;
  const level: AutonomyLevel = policy === 'L4' ? 'L3' : policy;
  return { ok: true, action: { kind: 'approval', input: parsed.data, version: d.version, level }, result: `Approval of "${d.title}" v${d.version} requested (${level}); wait for the decision in this thread.` };
}

export function updateTask(raw: unknown, rules: WorkRules, work: ThreadWork): ToolOutcome {
  const parsed = updateTaskInput.safeParse(raw);
  if (!parsed.success) return invalid('update_task', parsed.error);
  const input = parsed.data;
  const task = work.tasks.find((t) => t.id === input.task_id);
  if (!task) return refuse(`There is no task ${input.task_id} in this thread or among your open tasks.`);
  const mine = task.assignee === rules.self || task.requester === rules.self || rules.reports.has(task.assignee);
  if (!mine) return refuse(`${task.id} belongs to ${task.assignee}: only its owner, its requester or their manager moves it. Ask in the thread.`);
  if (input.assignee && input.assignee !== rules.self && !rules.reports.has(input.assignee)) {
    return refuse(`You can hand a task only to yourself or your reports (${[...rules.reports].join(', ') || 'none'}); ${input.assignee} is not.`);
  }
  const moved = [input.status && `status ${input.status}`, input.assignee && `owner ${input.assignee}`, input.due_date && `due ${input.due_date}`].filter(Boolean).join(', ');
  return { ok: true, action: { kind: 'task_update', input }, result: `Task ${task.id} updated: ${moved}.` };
}

export function escalate(raw: unknown, rules: WorkRules): ToolOutcome {
  const parsed = escalateInput.safeParse(raw);
  if (!parsed.success) return invalid('escalate', parsed.error);
  const input = parsed.data;
  // The path goes up one step at a time (specialist → manager → VP → CMO → person); the top of it reaches a person.
  const target = input.to === 'manager' && rules.manager ? rules.manager : 'human';
  const note = input.to === 'manager' && !rules.manager ? ' You report to a person, so it went to them.' : '';
  return {
    ok: true,
    action: { kind: 'escalation', input, target },
    result:
      target === 'human'
        ? `Escalated to a person: an escalation card was posted here and in the escalations channel.${note} Wait for their answer in this thread.`
        : `Escalated to ${target} in this thread; they will answer here.`,
  };
}

export function reviewDeliverable(raw: unknown, rules: WorkRules, work: ThreadWork): ToolOutcome {
  const parsed = reviewDeliverableInput.safeParse(raw);
  if (!parsed.success) return invalid('review_deliverable', parsed.error);
  const input = parsed.data;
  const d = work.deliverables.find((x) => x.id === input.deliverable_id);
  if (!d) return refuse(`There is no deliverable ${input.deliverable_id} in this thread.`);
  if (d.author === rules.self) return refuse('You cannot approve or review your own deliverable: submit it, and the policy sends it to who decides.');
  const role = rules.contentLevel(d.contentType).role ?? 'none';
  if (!REVIEWING_ROLES.has(role)) {
    return refuse(`Your rank's part in ${d.contentType} is ${role === 'none' ? 'none' : `to ${role}`}, not to approve it (manifests/department.yml, autonomy.content): give your feedback in the thread instead.`);
  }
  const verdict = input.verdict === 'approve' ? `Approved v${d.version} (review)` : `Changes requested on v${d.version} (review)`;
  return {
    ok: true,
    action: {
      kind: 'decision',
      input: { type: 'content_review', context: `${d.contentType.replace(/_/g, ' ')} "${d.title}" v${d.version} by ${d.author}`, decision: verdict, reasoning: input.comment, actions: [], approval_chain: [d.author, rules.self] },
    },
    result: `Review recorded: ${verdict}.${input.verdict === 'approve' ? ' Where the policy asks a person, they still decide.' : ' Tell the author what to change in the thread.'}`,
  };
}

export function startWorkflow(raw: unknown, rules: WorkRules, work: ThreadWork): ToolOutcome {
  const parsed = startWorkflowInput.safeParse(raw);
  if (!parsed.success) return invalid('start_workflow', parsed.error);
  if (!rules.mayLead) return refuse('Workflows are started by managers and executives: ask yours in the thread.');
  if (work.workflow) return refuse(`This thread already runs the ${work.workflow.kind} workflow (${work.workflow.id}); start another in a new thread.`);
  if (parsed.data.workflow === 'disagreement') {
    const [a, b] = parsed.data.parties;
    if (parsed.data.parties.length !== 2 || !a || !b || a === b) return refuse('A disagreement has two parties: give the two agent ids who disagree.');
    const unknown = [a, b].filter((id) => !rules.known.has(id) && id !== rules.self);
    if (unknown.length > 0) return refuse(`Unknown agent ids in parties: ${unknown.join(', ')}.`);
    if (!rules.sharedManager?.(a, b)) return refuse(`${a} and ${b} share no manager in the org chart: escalate it instead.`);
  }
  return {
    ok: true,
    action: { kind: 'workflow', input: parsed.data },
    result: `The ${parsed.data.workflow} workflow starts in this thread: its plan is posted and each step's agent is asked in turn. Nothing more to say now.`,
  };
}
