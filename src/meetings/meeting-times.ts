import { CronExpressionParser } from 'cron-parser';

/*
 * Calendar arithmetic for meeting schedules, in the department's time zone. node-cron fires the
 * schedules but only knows "next from the clock"; start-up needs "last before a given instant",
 * which cron-parser computes (DST-correct) from any instant.
 */

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** The day (YYYY-MM-DD) an instant falls on in a time zone. */
export function localDateOf(at: Date, timezone: string): string {
  let format = dayFormats.get(timezone);
  if (!format) {
    // en-CA writes dates as YYYY-MM-DD.
    format = new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormats.set(timezone, format);
  }
  return format.format(at);
}

/** The day a number of days after (or before) a local day (YYYY-MM-DD): calendar days, whatever the time zone's DST. */
export const addDays = (localDate: string, days: number) => new Date(Date.parse(`${localDate}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** The latest fire time of a cron expression at or before an instant. */
export function previousOccurrence(cron: string, timezone: string, atOrBefore: Date): Date {
  // prev() is strictly before its start: start 1 ms later so a fire time equal to the instant counts.
  return CronExpressionParser.parse(cron, { currentDate: new Date(atOrBefore.getTime() + 1), tz: timezone }).prev().toDate();
}
