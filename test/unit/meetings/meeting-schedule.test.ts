import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startMeetingSchedule, type DueMeeting, type MeetingSchedule } from '../../../src/meetings/meeting-schedule.js';

/**
 * The schedules on a fake clock: node-cron reads Date and arms setTimeout, both faked here, so
 * days pass in milliseconds and the fire times are exact.
 */
const lines: Record<string, unknown>[] = [];
const logger = pino({ level: 'debug' }, { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) });
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const department = (meetings: Record<string, string>) => ({
  timezone: 'America/New_York',
  meetings: Object.fromEntries(Object.entries(meetings).map(([kind, cron]) => [kind, { cron, lead: 'vp_marketing', attendees: 'all' as const }])),
});

let schedule: MeetingSchedule | undefined;
let fired: (DueMeeting & { at: string })[];

function start(meetings: Record<string, string>, onDue?: (m: DueMeeting) => Promise<void>) {
  schedule = startMeetingSchedule({
    department: department(meetings),
    onDue: async (m) => {
      fired.push({ ...m, at: new Date().toISOString() });
      await onDue?.(m);
    },
    logger,
  });
}
const iso = (m: DueMeeting) => m.scheduledFor.toISOString();

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
  fired = [];
  lines.length = 0;
});
afterEach(() => {
  schedule?.stop();
  schedule = undefined;
  vi.useRealTimers();
});

describe('startMeetingSchedule', () => {
  it('fires the 09:00 weekday standup at 09:00 New York time across the spring-forward change, not at weekends', async () => {
    vi.setSystemTime(new Date('2027-03-10T12:00:00Z')); // Wednesday 07:00 EST
    start({ standup: '0 9 * * 1-5' });
    await vi.advanceTimersByTimeAsync(7 * DAY);
    expect(fired.map((m) => m.at)).toEqual([
      '2027-03-10T14:00:00.000Z', // EST, UTC-5
      '2027-03-11T14:00:00.000Z',
      '2027-03-12T14:00:00.000Z',
      // Saturday 13th, Sunday 14th (clocks spring forward at 02:00): no standup.
      '2027-03-15T13:00:00.000Z', // EDT, UTC-4
      '2027-03-16T13:00:00.000Z',
    ]);
    expect(fired.map((m) => m.localDate)).toEqual(['2027-03-10', '2027-03-11', '2027-03-12', '2027-03-15', '2027-03-16']);
    for (const m of fired) expect(m).toMatchObject({ kind: 'standup', lead: 'vp_marketing', trigger: 'schedule', scheduledFor: new Date(m.at) });
  });

  it('fires it at 09:00 New York time across the fall-back change', async () => {
    vi.setSystemTime(new Date('2026-10-28T12:00:00Z')); // Wednesday 08:00 EDT
    start({ standup: '0 9 * * 1-5' });
    await vi.advanceTimersByTimeAsync(7 * DAY);
    expect(fired.map(iso)).toEqual([
      '2026-10-28T13:00:00.000Z', // EDT
      '2026-10-29T13:00:00.000Z',
      '2026-10-30T13:00:00.000Z',
      // Sunday 1 November, 02:00 EDT becomes 01:00 EST.
      '2026-11-02T14:00:00.000Z', // EST
      '2026-11-03T14:00:00.000Z',
    ]);
  });

  it('runs each meeting on its own schedule', async () => {
    vi.setSystemTime(new Date('2027-03-31T12:00:00Z'));
    start({ standup: '0 9 * * 1-5', weekly_planning: '0 10 * * 1', monthly_review: '0 14 1 * *', quarterly_planning: '0 9 1 1,4,7,10 *' });
    await vi.advanceTimersByTimeAsync(6 * DAY + 2 * HOUR);
    const byKind = (kind: string) => fired.filter((m) => m.kind === kind).map((m) => m.localDate);
    expect(byKind('standup')).toEqual(['2027-03-31', '2027-04-01', '2027-04-02', '2027-04-05', '2027-04-06']);
    expect(byKind('weekly_planning')).toEqual(['2027-04-05']);
    expect(byKind('monthly_review')).toEqual(['2027-04-01']);
    expect(byKind('quarterly_planning')).toEqual(['2027-04-01']);
    expect(fired.find((m) => m.kind === 'monthly_review')!.at).toBe('2027-04-01T18:00:00.000Z');
  });

  it('still runs a fire time noticed late the same day, as a catch-up, and leaves an earlier day to start-up', async () => {
    vi.setSystemTime(new Date('2027-03-15T12:00:00Z')); // Monday 08:00 EDT
    start({ standup: '0 9 * * 1-5' });
    // The process is frozen (a laptop asleep) from 08:00 until noon: the 09:00 timer fires at noon.
    vi.setSystemTime(new Date('2027-03-15T15:00:00Z'));
    await vi.advanceTimersByTimeAsync(HOUR);
    expect(fired).toEqual([expect.objectContaining({ localDate: '2027-03-15', trigger: 'catch_up', scheduledFor: new Date('2027-03-15T13:00:00Z') })]);

    // Started on Tuesday at 08:00 and frozen until Wednesday 11:00: Tuesday's is left to
    // start-up, Wednesday's runs late.
    schedule!.stop();
    fired.length = 0;
    vi.setSystemTime(new Date('2027-03-16T12:00:00Z'));
    start({ standup: '0 9 * * 1-5' });
    vi.setSystemTime(new Date('2027-03-17T14:00:00Z'));
    await vi.advanceTimersByTimeAsync(HOUR);
    expect(fired.filter((m) => m.trigger === 'catch_up').map((m) => m.localDate)).toEqual(['2027-03-17']);
    expect(lines.some((l) => l.msg === 'meeting missed on an earlier day; the next start-up records it as skipped' && l.localDate === '2027-03-16')).toBe(true);
  });

  it('logs a failing onDue and keeps the schedule going', async () => {
    vi.setSystemTime(new Date('2027-03-15T12:00:00Z'));
    start({ standup: '0 9 * * 1-5' }, () => Promise.reject(new Error('database down')));
    await vi.advanceTimersByTimeAsync(2 * DAY);
    expect(fired).toHaveLength(2);
    expect(lines.filter((l) => l.msg === 'meeting could not start')).toHaveLength(2);
  });

  it('fires nothing once stopped', async () => {
    vi.setSystemTime(new Date('2027-03-15T12:00:00Z'));
    start({ standup: '0 9 * * 1-5' });
    schedule!.stop();
    await vi.advanceTimersByTimeAsync(3 * DAY);
    expect(fired).toEqual([]);
  });

  it('refuses a bad cron expression or time zone, naming the field', () => {
    expect(() => start({ standup: 'every morning' })).toThrow(/meetings\.standup\.cron "every morning"/);
    expect(() => startMeetingSchedule({ department: { ...department({}), timezone: 'Mars/Olympus' }, onDue: () => {}, logger })).toThrow(/timezone "Mars\/Olympus"/);
  });
});
