import { describe, expect, it } from 'vitest';
import { localDateOf, previousOccurrence } from '../../../src/meetings/meeting-times.js';
import { missedMeetings } from '../../../src/meetings/missed-meetings.js';

const meeting = (cron: string, lead = 'vp_marketing') => ({ cron, lead, attendees: 'all' as const });
const department = {
  timezone: 'America/New_York',
  meetings: {
    standup: meeting('0 9 * * 1-5'),
    weekly_planning: meeting('0 10 * * 1'),
    monthly_review: meeting('0 14 1 * *', 'cmo'),
    quarterly_planning: meeting('0 9 1 1,4,7,10 *', 'cmo'),
  },
};
const only = { timezone: 'America/New_York', meetings: { standup: meeting('0 9 * * 1-5') } };

describe('missedMeetings', () => {
  it('runs a meeting missed earlier today late: down at 09:00, back at 11:00', () => {
    const missed = missedMeetings(only, new Date('2027-03-15T15:00:00Z')); // Monday 11:00 EDT
    expect(missed).toEqual({
      catchUp: [{ kind: 'standup', localDate: '2027-03-15', scheduledFor: new Date('2027-03-15T13:00:00Z'), lead: 'vp_marketing', trigger: 'catch_up' }],
      skip: [],
    });
  });

  it('records it skipped when the department is back only the next day', () => {
    const missed = missedMeetings(only, new Date('2027-03-16T12:00:00Z')); // Tuesday 08:00 EDT
    expect(missed.catchUp).toEqual([]);
    expect(missed.skip).toEqual([
      { kind: 'standup', localDate: '2027-03-15', scheduledFor: new Date('2027-03-15T13:00:00Z'), lead: 'vp_marketing', outcome: expect.stringMatching(/^missed/) },
    ]);
  });

  it('after a weekend, looks back to Friday, on the other side of the DST change', () => {
    const missed = missedMeetings(only, new Date('2027-03-15T12:00:00Z')); // Monday 08:00 EDT
    expect(missed.skip.map((m) => [m.localDate, m.scheduledFor.toISOString()])).toEqual([['2027-03-12', '2027-03-12T14:00:00.000Z']]);
  });

  it('counts a fire time equal to now as missed (node-cron fires only strictly later ones)', () => {
    expect(missedMeetings(only, new Date('2027-03-15T13:00:00Z')).catchUp.map((m) => m.localDate)).toEqual(['2027-03-15']);
  });

  it('looks at every meeting, each on its own calendar', () => {
    const missed = missedMeetings(department, new Date('2027-03-15T15:00:00Z')); // Monday 11:00 EDT
    expect(missed.catchUp.map((m) => m.kind)).toEqual(['standup', 'weekly_planning']);
    expect(missed.skip.map((m) => [m.kind, m.localDate, m.lead])).toEqual([
      ['monthly_review', '2027-03-01', 'cmo'],
      ['quarterly_planning', '2027-01-01', 'cmo'],
    ]);
  });
});

describe('meeting times', () => {
  it('reads the day in the department time zone, not UTC', () => {
    expect(localDateOf(new Date('2027-03-16T03:00:00Z'), 'America/New_York')).toBe('2027-03-15');
    expect(localDateOf(new Date('2027-03-16T03:00:00Z'), 'Europe/Paris')).toBe('2027-03-16');
  });

  it('finds the latest fire time at or before an instant across DST', () => {
    expect(previousOccurrence('0 9 * * 1-5', 'America/New_York', new Date('2026-11-02T15:00:00Z')).toISOString()).toBe('2026-11-02T14:00:00.000Z');
    expect(previousOccurrence('0 9 * * 1-5', 'America/New_York', new Date('2026-11-02T13:00:00Z')).toISOString()).toBe('2026-10-30T13:00:00.000Z');
  });
});
