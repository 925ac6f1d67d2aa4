import { eq, sql } from 'drizzle-orm';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Department } from '../../../src/department/schema.js';
import { ConfigError } from '../../../src/lib/errors.js';
import { meetings } from '../../../src/meetings/meeting-schema.js';
import { localDateOf } from '../../../src/meetings/meeting-times.js';
import type { MeetingRow } from '../../../src/meetings/meeting-store.js';
import { startMeetings } from '../../../src/meetings/start-meetings.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';
import { until } from '../../support/signed-events.js';
import { department } from '../../support/meeting-harness.js';

/**
 * A process that starts holding meetings: what was due earlier today runs now (once, however
 * often the schedule fires after), and what was due on an earlier day is on record as skipped.
 */
let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t?.drop();
});

describe('starting to hold meetings', () => {
  it('runs what was due earlier today, records earlier days as skipped', async () => {
    // Every minute: always due earlier today. At midnight on a day of the month that is not today: due on an earlier day.
    const today = localDateOf(new Date(), department.file.timezone);
    const otherDay = today.endsWith('-01') ? '02' : '01';
    const file = { ...department.file, meetings: { standup: { cron: '* * * * *', lead: 'vp_marketing', attendees: 'all' as const }, quarterly_planning: { cron: `0 0 ${Number(otherDay)} * *`, lead: 'cmo', attendees: 'all' as const } } };
    const dept: Department = { ...department, file };
    const held: MeetingRow[] = [];
    const m = startMeetings({ db: t.store.db, department: dept, logger: pino({ level: 'silent' }) });
    m.holdWith(async (meeting) => void held.push(meeting), { schedule: true });
    await until(() => held.length === 1, 'the missed standup to be held');
    const rows = await t.store.db.select().from(meetings);
    await m.stop();
    expect(held[0]).toMatchObject({ kind: 'standup', trigger: 'catch_up', lead: 'vp_marketing', state: 'running' });
    const [skipped] = rows.filter((r) => r.kind === 'quarterly_planning');
    expect(skipped).toMatchObject({ state: 'skipped', trigger: 'schedule', lead: 'cmo' });
    expect(skipped!.localDate).toMatch(new RegExp(`^\\d{4}-\\d{2}-${otherDay}$`));
    expect(skipped!.localDate < today).toBe(true);
    expect(skipped!.outcome).toMatch(/^missed: the department was not running at /);
    // A second process starting now finds today's standup on record: nothing more is held.
    const again = startMeetings({ db: t.store.db, department: dept, logger: pino({ level: 'silent' }) });
    const heldAgain: MeetingRow[] = [];
    again.holdWith(async (meeting) => void heldAgain.push(meeting), { schedule: false });
    expect(await again.request('standup', 'U0ALEX')).toMatchObject({ taken: { id: held[0]!.id } });
    await again.stop();
    expect(heldAgain).toEqual([]);
    expect(await t.store.db.select().from(meetings).where(eq(meetings.kind, 'standup'))).toHaveLength(1);
  });

  it('asked for in a process that holds no meetings (the web role), a worker takes it at its next sweep', async () => {
    const web = startMeetings({ db: t.store.db, department, logger: pino({ level: 'silent' }) });
    const worker = startMeetings({ db: t.store.db, department, logger: pino({ level: 'silent' }), sweepMs: 200 });
    const held: MeetingRow[] = [];
    worker.holdWith(async (meeting) => void held.push(meeting), { schedule: false });
    const asked = await web.request('monthly_review', 'U0ALEX');
    expect(asked).toMatchObject({ started: { kind: 'monthly_review', trigger: 'command', startedBy: 'U0ALEX' }, queued: true });
    await until(() => held.length === 1, 'the worker to take the meeting');
    expect(held[0]!.id).toBe('started' in asked ? asked.started.id : '');
    await Promise.all([web.stop(), worker.stop()]);
  });

  it('a lapsed meeting of an earlier day is failed by the sweep, not held again', async () => {
    const yesterday = localDateOf(new Date(Date.now() - 86_400_000), department.file.timezone);
    const [stale] = await t.store.db
      .insert(meetings)
      .values({ id: 'mtg_stale1', kind: 'standup', localDate: yesterday, trigger: 'schedule', lead: 'vp_marketing', leaseUntil: sql`now() - interval '1 second'` })
      .returning();
    const worker = startMeetings({ db: t.store.db, department, logger: pino({ level: 'silent' }), sweepMs: 100 });
    const held: MeetingRow[] = [];
    worker.holdWith(async (meeting) => void held.push(meeting), { schedule: false });
    await until(async () => (await t.store.db.select().from(meetings).where(eq(meetings.id, stale!.id)))[0]?.state === 'failed', 'the sweep to fail it');
    await worker.stop();
    expect(held.map((m) => m.id)).not.toContain(stale!.id);
    expect((await t.store.db.select().from(meetings).where(eq(meetings.id, stale!.id)))[0]).toMatchObject({ outcome: 'not finished on its day', leaseUntil: null });
  });

  it('a meeting whose hold fails in a way that would only repeat is failed, not left for the sweep', async () => {
    const web = startMeetings({ db: t.store.db, department, logger: pino({ level: 'silent' }) });
    const worker = startMeetings({ db: t.store.db, department, logger: pino({ level: 'silent' }), sweepMs: 100 });
    let holds = 0;
    worker.holdWith(async () => {
      holds++;
      throw new ConfigError('no standup channel');
    }, { schedule: false });
    const asked = await web.request('weekly_planning', 'U0ALEX');
    const id = 'started' in asked ? asked.started.id : '';
    await until(async () => (await t.store.db.select().from(meetings).where(eq(meetings.id, id)))[0]?.state === 'failed', 'the meeting to be failed');
    await new Promise((r) => setTimeout(r, 300));
    await Promise.all([web.stop(), worker.stop()]);
    expect(holds).toBe(1);
    expect((await t.store.db.select().from(meetings).where(eq(meetings.id, id)))[0]!.outcome).toBe('failed: no standup channel');
  });
});
