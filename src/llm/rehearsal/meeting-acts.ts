import type { Department } from '../../department/schema.js';
import type { Fact, FactSheet } from '../../meetings/fact.js';
import { parseFactSheet } from '../../meetings/fact-sheet-text.js';
import { rehearsalUpdate } from '../../meetings/grounded-update.js';
import { MEETINGS, isMeetingKind } from '../../meetings/meeting-kinds.js';
import { addDays } from '../../meetings/meeting-times.js';
import type { MeetingOutcome, MeetingPrompt } from '../../meetings/meeting-prompts.js';
import { REHEARSAL_NOTE } from './text.js';

/*
 * The rehearsal model at a meeting: an attendee's update written from the fact sheet it was given
 * (every bullet one fact, citing its record), and the lead's closing built from the meeting's data
 * (the attendees' facts, last week's tasks, the month's metrics): priorities, blockers assigned to
 * who can unblock them, slipped work rescheduled, adjustments and OKRs from the numbers. Nothing
 * in it comes from anywhere else.
 */

const pct = (x: number) => `${Math.round(x * 100)}%`;

/** An attendee's update from its fact sheet (labelled); null when the prompt carries no sheet. */
export function meetingUpdate(prompt: MeetingPrompt, department: Department): string | null {
  const sheet = parseFactSheet(prompt.text);
  if (!sheet) return null;
  const name = department.byId.get(prompt.agentId)?.name ?? prompt.agentId;
  const title = isMeetingKind(prompt.kind) ? MEETINGS[prompt.kind].title : 'meeting';
  return `${rehearsalUpdate(sheet, name, title)}\n${REHEARSAL_NOTE}`;
}

interface ClosingData {
  attendees?: { agent: string; facts: Pick<FactSheet, 'done' | 'doing' | 'blockers'> }[];
  lastWeek?: { owners: { owner: string; slipped: { id: string; title: string; dueDate: string | null }[] }[] };
  metrics?: { tasksCompleted: number; deliverablesApproved: number; firstTimeApprovalRate: number | null; avgRevisionRounds: number | null; totalUsd: number };
}

/** The lead's record_meeting_outcome input for the meeting's kind. */
export function meetingClosing(prompt: Extract<MeetingPrompt, { mode: 'closing' }>, department: Department): MeetingOutcome {
  const data = (prompt.data ?? {}) as ClosingData;
  const nameOf = (id: string) => department.byId.get(id)?.name ?? id;
  const has = (id: string) => department.byId.has(id);
  const attendees = data.attendees ?? [];
  const facts = (pick: 'done' | 'doing' | 'blockers') => attendees.flatMap((a) => (a.facts[pick] ?? []).map((f: Fact) => ({ agent: a.agent, fact: f })));

  if (prompt.kind === 'weekly_planning') {
    const slipped = (data.lastWeek?.owners ?? []).flatMap((o) => o.slipped.map((t) => ({ owner: o.owner, ...t })));
    const doing = facts('doing');
    return {
      summary: `${facts('done').length} things finished this week, ${slipped.length} tasks slipped, ${doing.length} under way into next week.`,
      decisions: [
        slipped.length > 0
          ? { decision: `Next week's first priority: the ${slipped.length} slipped task${slipped.length === 1 ? '' : 's'}`, reasoning: `Slipped: ${slipped.map((t) => `“${t.title}” (${nameOf(t.owner)})`).join(', ')}.` }
          : { decision: "Next week: keep the plan; nothing slipped", reasoning: `${doing.length} items are under way and on time.` },
      ],
      action_items: slipped.filter((t) => has(t.owner)).map((t) => ({ assignee: t.owner, action: `Finish “${t.title}” (slipped; was due ${t.dueDate ?? 'unset'})`, due_date: addDays(prompt.localDate, 4) })),
    };
  }

  if (prompt.kind === 'monthly_review' || prompt.kind === 'quarterly_planning') {
    const m = data.metrics;
    const numbers = m
      ? `${m.tasksCompleted} tasks completed, ${m.deliverablesApproved} deliverables approved, first-time approval ${m.firstTimeApprovalRate === null ? 'no data' : pct(m.firstTimeApprovalRate)}, $${m.totalUsd.toFixed(2)} model spend.`
      : 'No metrics on record.';
    if (prompt.kind === 'quarterly_planning') {
      const target = Math.max(10, Math.ceil((m?.tasksCompleted ?? 0) * 1.1));
      const okrs = [
        { owner: 'vp_marketing', decision: `O1 Ship on time: complete at least ${target} tasks next quarter`, reasoning: `KR1 no task slips more than a week · KR2 every blocker answered within a day. Last quarter: ${m?.tasksCompleted ?? 0} completed.` },
        { owner: 'content_manager', decision: 'O2 Right first time: first-time approval rate of 80% or more', reasoning: `KR1 every brief names audience and goal · KR2 one revision round at most on average. Last quarter: ${m?.firstTimeApprovalRate === null || !m ? 'no data' : pct(m.firstTimeApprovalRate)}.` },
      ].filter((o) => has(o.owner));
      return {
        summary: `The quarter: ${numbers} The OKRs below are on record; later meetings measure against them.`,
        decisions: okrs.map((o) => ({ decision: o.decision, reasoning: o.reasoning })),
        action_items: okrs.map((o) => ({ assignee: o.owner, action: `Own ${o.decision.split(':')[0]}: report progress at each monthly review`, due_date: addDays(prompt.localDate, 91) })),
      };
    }
    const rate = m?.firstTimeApprovalRate ?? null;
    const adjust =
      !m || m.deliverablesApproved === 0 || rate === null
        ? { decision: 'Hold the strategy: no deliverable was approved this month, so there is nothing to adjust on yet', reasoning: numbers, owner: null }
        : rate < 0.7
          ? { decision: 'Sharpen briefs before drafting: audience, goal and one example in every brief', reasoning: `First-time approval was ${pct(rate)} over ${m.deliverablesApproved} deliverables.`, owner: 'content_manager' }
          : { decision: 'Keep the review process as it is', reasoning: `First-time approval was ${pct(rate)} over ${m.deliverablesApproved} deliverables.`, owner: null };
    return {
      summary: `The month: ${numbers}`,
      decisions: [{ decision: adjust.decision, reasoning: adjust.reasoning }],
      action_items: adjust.owner && has(adjust.owner) ? [{ assignee: adjust.owner, action: 'Add audience, goal and one example to the brief template', due_date: addDays(prompt.localDate, 14) }] : [],
    };
  }

  // The standup: what happened, today's priority, and every blocker in the hands of who can clear it.
  const [done, doing, blockers] = [facts('done'), facts('doing'), facts('blockers')];
  const reporting = attendees.filter((a) => a.facts.done.length + a.facts.doing.length + a.facts.blockers.length > 0).length;
  const first = doing.find((d) => d.fact.kind === 'awaiting_approval') ?? doing[0];
  const unblocker = (agent: string) => {
    const manager = department.byId.get(agent)?.reports_to;
    return manager && has(manager) ? manager : prompt.agentId;
  };
  return {
    summary: [
      reporting === 0
        ? 'A quiet day: nobody has work on record since the last standup.'
        : `${reporting} of ${attendees.length} agents had work on record: ${done.length} done since the last standup, ${doing.length} under way, ${blockers.length} blocker${blockers.length === 1 ? '' : 's'}.`,
      // One line per agent that finished something (its latest), so the whole department shows.
      ...attendees
        .filter((a) => a.facts.done.length > 0)
        .slice(0, 8)
        .map((a) => `• ${nameOf(a.agent)}: ${a.facts.done[0]!.text}${a.facts.done.length > 1 ? ` (and ${a.facts.done.length - 1} more)` : ''}`),
    ].join('\n'),
    decisions: first
      ? [{ decision: `Priority today: ${first.fact.text} (${nameOf(first.agent)})`, reasoning: first.fact.kind === 'awaiting_approval' ? 'Work waiting for a person holds up everything after it.' : 'It is the first open item on record.' }]
      : [],
    action_items: blockers.map((b) => ({ assignee: unblocker(b.agent), action: `Unblock ${nameOf(b.agent)}: ${b.fact.text}`, due_date: addDays(prompt.localDate, 1) })),
  };
}
