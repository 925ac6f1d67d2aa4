import type { DepartmentFile } from '../department/schema.js';
import type { DueMeeting } from './meeting-schedule.js';
import { localDateOf, previousOccurrence } from './meeting-times.js';

export interface SkippedMeeting {
  kind: string;
  localDate: string;
  scheduledFor: Date;
  lead: string;
  /** Why it did not take place, for the record (MeetingStore.skip takes this object as it is). */
  outcome: string;
}

export interface MissedMeetings {
  /** Due earlier today: run them late. */
  catchUp: DueMeeting[];
  /** Due on an earlier day: record them as skipped (a day that has a row already keeps it). */
  skip: SkippedMeeting[];
}

/**
 * At start-up, each meeting's latest fire time up to now, which no process may have been up to
 * run. The caller's claim or skip is a no-op for a day already on record, so reporting a meeting
 * that did take place is harmless.
 */
export function missedMeetings(department: Pick<DepartmentFile, 'timezone' | 'meetings'>, now: Date): MissedMeetings {
  const { timezone } = department;
  const today = localDateOf(now, timezone);
  const missed: MissedMeetings = { catchUp: [], skip: [] };
  for (const [kind, meeting] of Object.entries(department.meetings)) {
    const scheduledFor = previousOccurrence(meeting.cron, timezone, now);
    const localDate = localDateOf(scheduledFor, timezone);
    if (localDate === today) missed.catchUp.push({ kind, localDate, scheduledFor, lead: meeting.lead, trigger: 'catch_up' });
    else missed.skip.push({ kind, localDate, scheduledFor, lead: meeting.lead, outcome: `missed: the department was not running at ${scheduledFor.toISOString()}` });
  }
  return missed;
}
