import { rankOf } from '../department/autonomy.js';
import type { AgentDef, Department } from '../department/schema.js';
import { newId } from '../store/ids.js';
import type { TurnDecision, TurnTask } from '../store/store.js';
import type { TurnCard, TurnWork } from '../store/turn-work-statements.js';
import type { ThreadWork } from './thread-work.js';
import { sharedManager } from '../department/org-chart.js';
import type { EscalateInput, PostMessageInput, StartWorkflowInput } from './tools.js';
import type { TurnAction } from './turn-state.js';

/** Where a turn happens, for the records and cards its tools make. */
export interface TurnPlace {
  channelId: string;
  threadTs: string;
  rehearsal: boolean;
  /** The thread's records when the turn began (titles of deliverables an approval names). */
  work: ThreadWork;
  /** The person whose message the turn answers, if a person's (who asked for a workflow). */
  requestedBy?: string | null;
}

const words = (type: string) => type.replace(/_/g, ' ');
/** Who leads each workflow where the department has them (else the agent that started it). */
/** Who leads each workflow where the department has that agent (a disagreement: the parties' shared manager). */
const COORDINATORS: Record<Exclude<StartWorkflowInput['workflow'], 'disagreement'>, string> = { content: 'content_manager', campaign: 'campaign_manager', crisis: 'cmo' };

/** Category of the escalation that human-led (L1) content becomes. */
const categoryOf = (contentType: string) => (/crisis/.test(contentType) ? 'crisis' : /legal|compliance/.test(contentType) ? 'legal_compliance' : 'strategic_decision');

/**
 * The rows a turn's work tools become, for its record statement: tasks and decisions
 * (create_task, record_decision), deliverable versions with what their autonomy level asks of a
 * person (an approval request, or for L1 an escalation), task moves, escalations, and one card for
 * each request in the work's thread and one in the department's approvals or escalations channel
 * (a decision gets one in the decisions channel).
 */
export function turnWorkRecords(agent: AgentDef, department: Department, actions: TurnAction[], place: TurnPlace): { tasks: TurnTask[]; decisions: TurnDecision[]; work: TurnWork } {
  const tasks: TurnTask[] = [];
  const decisions: TurnDecision[] = [];
  const work: TurnWork = { deliverables: [], approvals: [], escalations: [], taskUpdates: [], cards: [], workflows: [] };
  const { channels } = department.file;
  const cardsFor = (kind: TurnCard['kind'], refId: string) => {
    const channel = `#${kind === 'approval' ? channels.approvals : channels.escalations}`;
    work.cards.push(
      { id: newId('card'), kind, ref_id: refId, agent_id: agent.id, channel: place.channelId, thread_ts: place.threadTs },
      { id: newId('card'), kind, ref_id: refId, agent_id: agent.id, channel, thread_ts: null },
    );
  };

  for (const a of actions) {
    if (a.kind === 'task') {
      tasks.push({ id: newId('task'), title: a.input.title, description: a.input.description, assignee: a.input.assignee, requester: agent.id, due_date: a.input.due_date ?? null, decision_id: null });
    } else if (a.kind === 'decision') {
      const d = a.input;
      const id = newId('dec');
      work.cards.push({ id: newId('card'), kind: 'decision', ref_id: id, agent_id: agent.id, channel: `#${channels.decisions}`, thread_ts: null });
      decisions.push({ id, maker: agent.id, type: d.type, context: d.context, decision: d.decision, reasoning: d.reasoning, actions: d.actions, approval_chain: d.approval_chain, dissent: d.dissent ?? null });
      for (const act of d.actions) tasks.push({ id: newId('task'), title: act.action, description: '', assignee: act.assigned_to, requester: agent.id, due_date: act.due_date ?? null, decision_id: id });
    } else if (a.kind === 'deliverable') {
      const d = a.input;
      const id = a.revises ?? newId('dlvb');
      work.deliverables.push({ id, version: a.version, content_type: d.content_type, title: d.title, author: agent.id, task_id: d.task_id ?? null, content: d.content, rehearsal: place.rehearsal });
      if (a.viaWorkflow) continue; // the workflow asks a person at its approval step
      if (a.level === 'L3' || a.level === 'L2') {
        const requestId = newId('apr');
        const summary = d.summary ?? (a.level === 'L2' ? `Your input on this ${words(d.content_type)} before I go on` : `Approve this ${words(d.content_type)}`);
        work.approvals.push({ id: requestId, deliverable_id: id, version: a.version, summary, requested_by: agent.id, autonomy_level: a.level, urgency: d.urgency, due_date: d.due_date ?? null });
        cardsFor('approval', requestId);
      } else if (a.level === 'L1') {
        const escalationId = newId('esc');
        work.escalations.push({
          id: escalationId,
          level: 'human',
          category: categoryOf(d.content_type),
          from_agent: agent.id,
          to_target: 'human',
          issue: `"${d.title}" v${a.version} (${words(d.content_type)}) is human-led (L1): a person decides what it says. The draft is in the thread.`,
          attempts_made: a.version > 1 ? `Revised to v${a.version}.` : 'Drafted v1.',
          urgency: d.urgency,
          recommendation: d.summary ?? 'Give instructions, or approve the draft as it is.',
          impact: '',
          deliverable_id: id,
          version: a.version,
          rehearsal: place.rehearsal,
        });
        cardsFor('escalation', escalationId);
      }
    } else if (a.kind === 'approval') {
      const requestId = newId('apr');
      work.approvals.push({ id: requestId, deliverable_id: a.input.deliverable_id, version: a.version, summary: a.input.summary, requested_by: agent.id, autonomy_level: a.level, urgency: a.input.urgency, due_date: a.input.due_date ?? null });
      cardsFor('approval', requestId);
    } else if (a.kind === 'task_update') {
      const u = a.input;
      work.taskUpdates.push({ id: u.task_id, status: u.status ?? null, assignee: u.assignee ?? null, due_date: u.due_date ?? null, by: agent.id });
    } else if (a.kind === 'workflow') {
      const { coordinator, brief } = workflowStart(a.input, agent, department);
      work.workflows.push({ id: newId('wf'), kind: a.input.workflow, coordinator, channel_id: place.channelId, thread_ts: place.threadTs, brief: { ...brief, requestedBy: place.requestedBy ?? null, startedBy: agent.id } });
    } else if (a.kind === 'escalation') {
      const e = a.input;
      const id = newId('esc');
      const level = a.target === 'human' ? 'human' : (rankOf(department, a.target) ?? 'manager');
      work.escalations.push({ id, level, category: e.category, from_agent: agent.id, to_target: a.target, issue: e.issue, attempts_made: e.attempts_made, urgency: e.urgency, recommendation: e.recommendation, impact: e.impact, deliverable_id: null, version: null, rehearsal: place.rehearsal });
      if (a.target === 'human') cardsFor('escalation', id);
    }
  }
  return { tasks, decisions, work };
}

/** The decision type a deciding manager's rank settles, for a disagreement brought to it. */
const DECIDES_BY_RANK: Record<string, string> = { manager: 'blog_post_topics', vp: 'campaign_strategy', cmo: 'brand_positioning' };

/**
 * Who leads a workflow and its first state: its coordinator where the department has one (else the
 * agent that started it); a disagreement, the two parties' shared manager, under a decision type
 * its rank settles.
 */
function workflowStart(input: StartWorkflowInput, agent: AgentDef, department: Department): { coordinator: string; brief: Record<string, unknown> } {
  if (input.workflow === 'disagreement') {
    const [a, b] = input.parties as [string, string];
    const coordinator = sharedManager(department, a, b) ?? agent.id;
    const decisionType = input.decision_type ?? DECIDES_BY_RANK[rankOf(department, coordinator) ?? 'manager'] ?? 'campaign_strategy';
    return { coordinator, brief: { topic: input.topic, parties: [a, b], decisionType } };
  }
  const lead = COORDINATORS[input.workflow];
  return { coordinator: department.byId.has(lead) ? lead : agent.id, brief: { topic: input.topic, contentType: input.content_type } };
}

/** Footer of a deliverable's post: what its level does next. */
function levelNote(level: string, department: Department): string {
  const { channels } = department.file;
  if (level === 'L4') return '_FYI: L4 in the autonomy policy: done, no approval needed._';
  if (level === 'L3') return `_Waiting for approval (L3): the card is below and in #${channels.approvals}._`;
  if (level === 'L2') return `_A person's input is needed before I go on (L2): see the card below, or answer in this thread._`;
  return `_Human-led (L1): sent to a person for instructions (the card below and in #${channels.escalations})._`;
}

/** The seed's §3.4 escalation format, as posted in the thread. */
export function escalationText(e: EscalateInput, from: AgentDef, targetName: string, level: string): string {
  return [
    `*ESCALATION:* ${level} ${words(e.category)}`,
    `*FROM:* ${from.name}`,
    `*TO:* ${targetName}`,
    `*ISSUE:* ${e.issue}`,
    `*ATTEMPTS MADE:* ${e.attempts_made || '(none said)'}`,
    `*URGENCY:* ${e.urgency}`,
    `*RECOMMENDATION:* ${e.recommendation || '(none given)'}`,
    `*IMPACT:* ${e.impact || '(not said)'}`,
  ].join('\n');
}

/**
 * The posts a turn's acts make in the thread, in order: post_message as written, a deliverable
 * whole with what its level does next, an escalation in the §3.4 format (addressed to the manager
 * it goes to).
 */
export function postsOf(actions: TurnAction[], agent: AgentDef, department: Department): PostMessageInput[] {
  return actions.flatMap((a): PostMessageInput[] => {
    if (a.kind === 'post') return [a.input];
    if (a.kind === 'deliverable') {
      const d = a.input;
      const next = a.viaWorkflow ? '_Submitted to the workflow of this thread: its review and checks come next._' : levelNote(a.level, department);
      const text = `*${d.title}* · ${words(d.content_type)} · v${a.version}\n\n${d.content}\n\n${next}`;
      return [{ text, mentions: d.notify, type: 'deliverable', priority: d.urgency === 'critical' || d.urgency === 'high' ? 'urgent' : 'normal', subject: d.title }];
    }
    if (a.kind === 'escalation') {
      const target = department.byId.get(a.target);
      const level = target ? (rankOf(department, target.id) ?? 'manager') : 'human';
      const text = escalationText(a.input, agent, target?.name ?? 'a person (the approvers)', level);
      return [{ text, mentions: target ? [target.id] : [], type: 'escalation', priority: a.input.urgency === 'critical' || a.input.urgency === 'high' ? 'urgent' : 'normal', subject: `Escalation: ${words(a.input.category)}` }];
    }
    return [];
  });
}
