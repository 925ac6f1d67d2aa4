/**
 * The department's four meetings (seed 5.3, 6.3): what each is called, how far back its attendees
 * report, what they are asked, and what its lead closes with. Schedules, leads and attendees are
 * the department file's (`meetings` in manifests/department.yml); this is what the meetings are.
 */
export const MEETING_KINDS = ['standup', 'weekly_planning', 'monthly_review', 'quarterly_planning'] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];

export interface MeetingSpec {
  kind: MeetingKind;
  title: string;
  /** `/dept <command>` runs one now. */
  command: string;
  /** How far back attendees report when no earlier meeting of the kind finished. */
  windowDays: number;
  /** The type of the decisions its lead records. */
  decisionType: string;
  /** What each attendee posts, for the model (the rehearsal model reads the kind, not this). */
  updateAsk: string;
  /** What the lead closes with. */
  closingAsk: string;
}

export const MEETINGS: Record<MeetingKind, MeetingSpec> = {
  standup: {
    kind: 'standup',
    title: 'Daily standup',
    command: 'standup',
    windowDays: 1,
    decisionType: 'prioritization',
    updateAsk:
      'Post your standup update in three short points: *Done* since the last standup, *Today*, *Blockers / requests*. Use only the facts below and end each point with the id of the record it comes from in brackets. With no facts, say in one line that you have nothing to report.',
    closingAsk:
      "Close the standup with record_meeting_outcome: a summary a person reads in one minute, today's prioritisation decisions, and every blocker resolved, assigned (an action item for its owner, due today or tomorrow) or escalated. Claim nothing the updates do not say.",
  },
  weekly_planning: {
    kind: 'weekly_planning',
    title: 'Weekly planning',
    command: 'weekly',
    windowDays: 7,
    decisionType: 'weekly_priority',
    updateAsk:
      "Post your part of the weekly planning: what was completed this week, what slipped and why, and your priorities for next week. Use only the facts below and end each point with its record id in brackets.",
    closingAsk:
      "Close the weekly planning with record_meeting_outcome: next week's priorities as decisions, and the assignments as action items, each with an owner and a due date next week. Slipped work is reassigned or rescheduled, not forgotten.",
  },
  monthly_review: {
    kind: 'monthly_review',
    title: 'Monthly review',
    command: 'monthly',
    windowDays: 30,
    decisionType: 'strategic_adjustment',
    updateAsk: 'Post your retrospective of the month: what worked and what did not, in facts only (the records below), each point ending with its record id in brackets.',
    closingAsk:
      'Close the monthly review with record_meeting_outcome: a short retrospective built on the metrics table and the updates, the strategic adjustments as decisions, and the action items that carry them out.',
  },
  quarterly_planning: {
    kind: 'quarterly_planning',
    title: 'Quarterly planning',
    command: 'quarterly',
    windowDays: 91,
    decisionType: 'okr',
    updateAsk: 'Post your quarter in facts (the records below, each point ending with its record id in brackets) and the one objective you propose for the next quarter.',
    closingAsk:
      "Close the quarterly planning with record_meeting_outcome: the quarter's OKRs, each objective a decision with its key results as the reasoning, and an action item for each objective's owner. Later meetings are measured against them.",
  },
};

export const meetingByCommand = (command: string): MeetingSpec | undefined => Object.values(MEETINGS).find((m) => m.command === command);
export const isMeetingKind = (kind: string): kind is MeetingKind => (MEETING_KINDS as readonly string[]).includes(kind);
