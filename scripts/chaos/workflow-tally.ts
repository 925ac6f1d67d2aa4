import { stableId } from '../../src/workflows/workflow-posts.js';
import type { SlackMessage } from '../bench/fake-slack-api.js';
import type { MentionEvent } from './mention-event.js';
import type { Delivery } from './slack-sender.js';
import type { Tally } from './tally.js';
import type { WorkflowRecords } from './workflow-records.js';

/** What each workflow thread holds, summed over the threads (a clean trial: one of each per run, per step). */
export interface WorkflowCounts {
  runs: number;
  /** Runs waiting for a person at their approval, with both approval cards posted. */
  atApproval: number;
  plans: number;
  stepRequests: number;
  stepAnswers: number;
  cards: number;
  approvalRequests: number;
  /** Posts in the threads none of the above explains (the Content Manager's own words, failure notices). */
  otherPosts: number;
  duplicateTasks: number;
}

export interface WorkflowTally extends Tally {
  counts: WorkflowCounts;
  /** One line per thread that is not exactly as it should be: what is missing or twice. */
  problems: string[];
}

/** How a post names itself: its protocol id and author (agent posts), or the approval request it is a card of. */
interface Meta {
  id?: string;
  from?: string;
  card?: string;
}

function metaOf(post: SlackMessage): Meta {
  const m = post.metadata;
  if (!m) return {};
  const p = m.event_payload as { id?: unknown; from?: unknown; ref_id?: unknown };
  if (m.event_type === 'dept_card') return { card: String(p.ref_id) };
  return { ...(typeof p.id === 'string' ? { id: p.id } : {}), ...(typeof p.from === 'string' ? { from: p.from } : {}) };
}

/**
 * Counts the workflow threads from what the fake Slack accepted, checked against the department's
 * records. Per run: one plan message; per step it asked an agent for, one request post (its
 * protocol id is derived from run and step key, so a re-run posts the same id) and one answer by
 * that agent to it (the messages table says which request a post answers: its protocol
 * related_messages; Slack's metadata carries the id only; a long answer's later pages do not count); per approval wait one approval_requests row and two cards (the thread and
 * #dept-approvals). A run is at its approval when its row waits for a person and both cards are
 * in. Every protocol id Slack accepted twice, and every further plan, request, answer, card or
 * task, is a duplicate.
 */
export function workflowTally(
  events: MentionEvent[],
  deliveries: Map<string, Delivery>,
  posts: SlackMessage[],
  records: WorkflowRecords,
  approvalsChannel: string,
  observedAt: { allAtApproval: number | undefined },
): WorkflowTally {
  const problems: string[] = [];
  const counts: WorkflowCounts = { runs: 0, atApproval: 0, plans: 0, stepRequests: 0, stepAnswers: 0, cards: 0, approvalRequests: 0, otherPosts: 0, duplicateTasks: 0 };
  const metas = new Map(posts.map((p) => [p, metaOf(p)]));
  // Posts beyond the first of their kind, whichever check sees them (a repeated plan is both a
  // repeated protocol id and a second plan message: one duplicate), and rows beyond the first.
  const extraPosts = new Set<SlackMessage>();
  let extraRows = 0;
  const firstById = new Map<string, SlackMessage>();
  for (const [post, m] of metas) {
    if (!m.id) continue;
    if (firstById.has(m.id)) extraPosts.add(post);
    else firstById.set(m.id, post);
  }
  const answersTo = new Map<string, WorkflowRecords['answers']>();
  for (const a of records.answers) answersTo.set(a.answers, [...(answersTo.get(a.answers) ?? []), a]);
  const repeatedIds = [...new Set([...extraPosts].map((p) => metas.get(p)!.id!))];

  /** `expected` of them (one by default): counts them, and notes and marks as duplicates the rest. */
  const once = (thread: string, what: string, items: SlackMessage[] | number, expected = 1) => {
    const n = typeof items === 'number' ? items : items.length;
    if (n > expected) {
      if (typeof items === 'number') extraRows += n - expected;
      else items.slice(expected).forEach((p) => extraPosts.add(p));
      problems.push(`${thread}: ${what} ×${n}`);
    } else if (n < expected) problems.push(`${thread}: ${what} missing`);
    return Math.min(n, expected);
  };

  let notices = 0;
  const lostEvents: string[] = [];
  for (const e of events) {
    const thread = `${e.channel}/${e.ts}`;
    const inThread = posts.filter((p) => p.channel === e.channel && p.threadTs === e.ts);
    notices += inThread.filter((p) => !p.metadata).length;
    const runs = records.runs.filter((r) => r.channelId === e.channel && r.threadTs === e.ts);
    if (runs.length === 0) {
      problems.push(`${thread}: no workflow run`);
      lostEvents.push(e.eventId);
      continue;
    }
    if (runs.length > 1) once(thread, 'workflow run', runs.length);
    counts.runs++;
    const run = runs[0]!;
    const explained = new Set<SlackMessage>();
    const withId = (id: string) => inThread.filter((p) => metas.get(p)!.id === id);

    const plan = withId(stableId('msg', `${run.id}:plan`));
    plan.forEach((p) => explained.add(p));
    counts.plans += once(thread, 'plan message', plan);

    for (const step of records.steps.filter((s) => s.runId === run.id && s.agentId)) {
      const requestId = stableId('msg', `${run.id}:${step.key}`);
      const request = withId(requestId);
      request.forEach((p) => explained.add(p));
      counts.stepRequests += once(thread, `request of step ${step.key}`, request);
      const answerIds = answersTo.get(requestId) ?? [];
      const answers = inThread.filter((p) => answerIds.some((a) => a.id === metas.get(p)!.id && a.authorId === step.agentId));
      answers.forEach((p) => explained.add(p));
      const firstPages = answers.filter((p) => answerIds.some((a) => a.id === metas.get(p)!.id && a.page === 1));
      // A step still under way may not have answered yet; one the run went past must have, once.
      counts.stepAnswers += step.finished || firstPages.length > 0 ? once(thread, `${step.agentId}'s answer to step ${step.key}`, firstPages) : 0;
    }

    const approvalSteps = records.steps.filter((s) => s.runId === run.id && !s.agentId);
    const requests = records.approvals.filter((a) => a.runId === run.id);
    counts.approvalRequests += once(thread, 'approval request', requests.length, approvalSteps.length);
    let cardsIn = 0;
    for (const r of requests) {
      const cards = posts.filter((p) => metas.get(p)!.card === r.id);
      cards.forEach((p) => explained.add(p));
      const here = once(thread, `approval card ${r.id} in the thread`, cards.filter((p) => p.channel === e.channel && p.threadTs === e.ts));
      const there = once(thread, `approval card ${r.id} in #dept-approvals`, cards.filter((p) => p.channel === approvalsChannel && !p.threadTs));
      cardsIn += here + there;
    }
    counts.cards += cardsIn;
    counts.otherPosts += inThread.filter((p) => !explained.has(p)).length;
    if (run.atApproval && requests.length > 0 && cardsIn === 2 * requests.length) counts.atApproval++;
    else {
      problems.push(`${thread}: run ${run.id} ${run.status}${run.outcome ? ` (${run.outcome})` : ''}, not waiting at its approval with both cards`);
      lostEvents.push(e.eventId);
    }
  }
  counts.duplicateTasks = records.duplicateTasks.reduce((n, t) => n + t.n - 1, 0);
  const duplicated = extraPosts.size + extraRows + counts.duplicateTasks;
  for (const t of records.duplicateTasks) problems.push(`task "${t.title}" for ${t.assignee} recorded ${t.n}×`);

  return {
    sent: events.length,
    acked: [...deliveries.values()].filter((d) => d.acked).length,
    answered: counts.atApproval,
    lost: events.length - counts.atApproval,
    duplicated,
    repeatedIds,
    notices,
    otherAgents: 0,
    allAnsweredAt: counts.atApproval === events.length ? observedAt.allAtApproval : undefined,
    lostEvents,
    counts,
    problems,
  };
}
