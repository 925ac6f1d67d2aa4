import type { FactSheet } from './fact.js';
import type { MeetingKind } from './meeting-kinds.js';

/** The window an attendee reports on. */
export interface MeetingWindow {
  since: Date;
  until: Date;
}

/** An attendee's facts as the runner handles them: the text it is given, and whether there is anything in it. */
export interface AttendeeFacts {
  agentId: string;
  /** The fact sheet as the agent reads it (each fact ending with its record id). */
  text: string;
  empty: boolean;
  /** The sheet itself: what an update is grounded in (sheetRefs: the ids it may cite), and the lead's closing data. */
  sheet: FactSheet;
}

/**
 * What the meetings read from the department's records: each attendee's fact sheet and the
 * kind's agenda (last week's slipped tasks, the month's metrics, the OKRs). Reads only.
 */
export interface MeetingRecords {
  factsFor(agentId: string, window: MeetingWindow): Promise<AttendeeFacts>;
  /** The opening's lines beyond the title, and the same as data for the lead's closing. */
  agenda(kind: MeetingKind, window: MeetingWindow): Promise<{ text: string; data: Record<string, unknown> }>;
}
