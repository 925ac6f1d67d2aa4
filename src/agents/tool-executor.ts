import type Anthropic from '@anthropic-ai/sdk';
import { NO_WORK, type ThreadWork } from './thread-work.js';
import {
  CREATE_TASK,
  DECLINE,
  ESCALATE,
  POST_MESSAGE,
  RECORD_DECISION,
  REQUEST_APPROVAL,
  REVIEW_DELIVERABLE,
  START_WORKFLOW,
  SUBMIT_DELIVERABLE,
  UPDATE_TASK,
  createTaskInput,
  declineInput,
  postMessageInput,
  recordDecisionInput,
} from './tools.js';
import type { TurnAction } from './turn-state.js';
import { escalate, requestApproval, reviewDeliverable, startWorkflow, submitDeliverable, updateTask, type ToolOutcome, type WorkRules } from './work-tools.js';

export interface ToolRules extends WorkRules {
  /** What this agent may do about a kind of decision (the department's authority matrix). */
  authority?: (decisionType: string) => { role: string; mustEscalate: boolean; decider: string | null; listed: boolean };
}

/** Roles of the authority matrix that settle a decision (the others inform, consult or pass it up). */
const SETTLING_ROLES = new Set(['decide', 'approve', 'final_approval']);

/**
 * Turns the model's tool calls into protocol acts. Bad input goes back to the model as an
 * error tool_result (so it can correct itself) instead of being acted on.
 */
export function executeTools(
  calls: Pick<Anthropic.ToolUseBlockParam, "id" | "name" | "input">[],
  rules: ToolRules,
  work: ThreadWork = NO_WORK,
): { actions: TurnAction[]; results: Anthropic.ToolResultBlockParam[] } {
  const actions: TurnAction[] = [];
  const results: Anthropic.ToolResultBlockParam[] = [];
  const result = (id: string, content: string, isError = false) =>
    results.push({ type: 'tool_result', tool_use_id: id, content, ...(isError ? { is_error: true } : {}) });

  for (const call of calls) {
    if (call.name === POST_MESSAGE) {
      const parsed = postMessageInput.safeParse(call.input);
      if (!parsed.success) {
        result(call.id, `Invalid post_message input: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`, true);
        continue;
      }
      const input = parsed.data;
      input.mentions = [...new Set(input.mentions.filter((m) => m !== rules.self))];
      const unknown = input.mentions.filter((m) => !rules.known.has(m));
      if (unknown.length > 0) {
        result(call.id, `Unknown agent ids in mentions: ${unknown.join(', ')}. Use ids from the directory.`, true);
        continue;
      }
      const outsideChain = input.type === 'task_assignment' ? input.mentions.filter((m) => !rules.reports.has(m)) : [];
      if (outsideChain.length > 0) {
        result(
          call.id,
          `You can assign tasks only to your reports (${[...rules.reports].join(', ') || 'none'}); ${outsideChain.join(', ')} are not. Send them a request instead.`,
          true,
        );
        continue;
      }
      actions.push({ kind: 'post', input });
      result(call.id, `Posted in the thread${input.mentions.length ? `; notified ${input.mentions.join(', ')}` : ''}.`);
    } else if (call.name === DECLINE) {
      const parsed = declineInput.safeParse(call.input);
      const reason = parsed.success ? parsed.data.reason : 'no reason given';
      actions.push({ kind: 'decline', reason });
      result(call.id, 'Noted: you are not replying.');
    } else if (call.name === CREATE_TASK) {
      const parsed = createTaskInput.safeParse(call.input);
      if (!parsed.success) {
        result(call.id, `Invalid create_task input: ${issues(parsed.error)}`, true);
        continue;
      }
      const { assignee } = parsed.data;
      if (assignee !== rules.self && !rules.reports.has(assignee)) {
        result(call.id, `You can create tasks only for yourself or your reports (${[...rules.reports].join(', ') || 'none'}); ${assignee} is not. Ask them in the thread instead.`, true);
        continue;
      }
      actions.push({ kind: 'task', input: parsed.data });
      result(call.id, `Task recorded for ${assignee}.`);
    } else if (call.name === RECORD_DECISION) {
      const parsed = recordDecisionInput.safeParse(call.input);
      if (!parsed.success) {
        result(call.id, `Invalid record_decision input: ${issues(parsed.error)}`, true);
        continue;
      }
      const refusal = decisionRefusal(parsed.data, rules);
      if (refusal) {
        result(call.id, refusal, true);
        continue;
      }
      actions.push({ kind: 'decision', input: parsed.data });
      result(call.id, `Decision recorded${parsed.data.actions.length ? `; ${parsed.data.actions.length} task(s) created` : ''}.`);
    } else if (WORK_TOOLS[call.name]) {
      const outcome = WORK_TOOLS[call.name]!(call.input, rules, work);
      // One submission per deliverable a turn: its version is taken from the records the turn began with.
      const twice = outcome.ok && outcome.action.kind === 'deliverable' && outcome.action.revises && actions.some((a) => a.kind === 'deliverable' && a.revises === (outcome.action as { revises: string }).revises);
      if (!outcome.ok) result(call.id, outcome.error, true);
      else if (twice) result(call.id, 'This deliverable was already revised in this turn: put everything in one revision.', true);
      else {
        actions.push(outcome.action);
        result(call.id, outcome.result);
      }
    } else {
      result(call.id, `Unknown tool ${call.name}.`, true);
    }
  }
  return { actions, results };
}

const WORK_TOOLS: Record<string, (input: unknown, rules: WorkRules, work: ThreadWork) => ToolOutcome> = {
  [SUBMIT_DELIVERABLE]: submitDeliverable,
  [REQUEST_APPROVAL]: requestApproval,
  [UPDATE_TASK]: updateTask,
  [ESCALATE]: (input, rules) => escalate(input, rules),
  [REVIEW_DELIVERABLE]: reviewDeliverable,
  [START_WORKFLOW]: startWorkflow,
};

const issues = (error: { issues: { path: PropertyKey[]; message: string }[] }) => error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');

/**
 * Why an agent may not record this decision: the department file says, not the prompt. A kind the
 * matrix does not list, or one this agent's rank must escalate or only advises on, is refused; so
 * is an action for an agent outside its reports.
 */
function decisionRefusal(input: { type: string; actions: { assigned_to: string }[] }, rules: ToolRules): string | null {
  const authority = rules.authority?.(input.type);
  if (authority) {
    if (!authority.listed) return `"${input.type}" is not a decision type of the department's authority matrix (manifests/department.yml, autonomy.decisions): escalate it instead.`;
    if (authority.mustEscalate) return `Decisions of type ${input.type} must be escalated at your rank (${authority.role}): escalate it instead of deciding.`;
    if (!SETTLING_ROLES.has(authority.role)) {
      return `Your rank may only ${authority.role === 'none' ? 'stay out of' : authority.role} ${input.type} decisions; ${authority.decider ? `the ${authority.decider} decides` : 'a person decides'}. Recommend it in the thread instead.`;
    }
  }
  const outside = input.actions.map((a) => a.assigned_to).filter((a) => a !== rules.self && !rules.reports.has(a));
  if (outside.length > 0) return `Actions can go only to you or your reports; ${[...new Set(outside)].join(', ')} are not. Ask them in the thread instead.`;
  return null;
}
