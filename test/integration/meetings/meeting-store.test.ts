import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MeetingStore, type MeetingRow } from '../../../src/meetings/meeting-store.js';
import { openDatabase, type Database } from '../../../src/store/database.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';

/**
 * The meetings table across processes: two connection pools on one database stand for two worker
 * processes; of any number of claims on one (kind, day), exactly one wins.
 */
let t: TestDatabase;
let other: Database;
let a: MeetingStore;
let b: MeetingStore;

beforeAll(async () => {
  t = await createTestDatabase();
  other = await openDatabase({ url: t.url, dataDir: '', poolSize: 10 });
  a = new MeetingStore(t.database.db);
  b = new MeetingStore(other.db);
});
afterAll(async () => {
  await other?.close();
  await t?.drop();
});

const won = (r: MeetingRow | { taken: MeetingRow }): r is MeetingRow => !('taken' in r);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('claim', () => {
  it('gives a (kind, day) to exactly one of two processes racing for it, many times over', async () => {
    for (let day = 1; day <= 25; day++) {
      const localDate = `2027-01-${String(day).padStart(2, '0')}`;
      const claims = Array.from({ length: 8 }, (_, i) =>
        (i % 2 ? a : b).claim({ kind: 'standup', localDate, trigger: 'schedule', lead: 'vp_marketing', scheduledFor: new Date(`${localDate}T14:00:00Z`) }),
      );
      const results = await Promise.all(claims);
      const winners = results.filter(won);
      expect(winners).toHaveLength(1);
      // Every loser is shown the winner's row.
      for (const r of results) if (!won(r)) expect(r.taken.id).toBe(winners[0]!.id);
    }
    const { rows } = await t.query<{ n: string }>(`select count(*) as n from meetings where kind = 'standup'`);
    expect(Number(rows[0]!.n)).toBe(25);
  });

  it('records who asked and holds a lease on the running meeting', async () => {
    const row = await a.claim({ kind: 'weekly_planning', localDate: '2027-02-01', trigger: 'command', lead: 'vp_marketing', startedBy: 'U123' });
    if (!won(row)) throw new Error('expected to win');
    expect(row).toMatchObject({ state: 'running', trigger: 'command', startedBy: 'U123', scheduledFor: null, channelId: null });
    expect(row.id).toMatch(/^mtg_/);
    expect(row.leaseUntil!.getTime()).toBeGreaterThan(Date.now() + 60_000);
    // Another kind the same day is a meeting of its own.
    expect(won(await b.claim({ kind: 'monthly_review', localDate: '2027-02-01', trigger: 'schedule', lead: 'cmo' }))).toBe(true);
  });
});

describe('lease', () => {
  it('lets another process take over a running meeting only once its lease ran out, and only one of several', async () => {
    const row = await a.claim({ kind: 'standup', localDate: '2027-03-01', trigger: 'schedule', lead: 'vp_marketing', leaseMs: 400 });
    if (!won(row)) throw new Error('expected to win');
    expect(await b.takeOver(row.id, 60_000)).toBeNull();
    await sleep(500);
    const tries = await Promise.all([b.takeOver(row.id, 60_000), a.takeOver(row.id, 60_000), b.takeOver(row.id, 60_000)]);
    const taken = tries.filter((r) => r !== null);
    expect(taken).toHaveLength(1);
    // The old holder's renewal fails: it no longer holds the meeting. The new holder's succeeds.
    expect(await a.renewLease(row, 60_000)).toBeNull();
    const renewed = await b.renewLease(taken[0]!, 120_000);
    expect(renewed!.leaseUntil!.getTime()).toBeGreaterThan(taken[0]!.leaseUntil!.getTime());
  });

  it('keeps a meeting whose holder renews it', async () => {
    const row = await a.claim({ kind: 'standup', localDate: '2027-03-02', trigger: 'schedule', lead: 'vp_marketing', leaseMs: 400 });
    if (!won(row)) throw new Error('expected to win');
    await sleep(200);
    const renewed = await a.renewLease(row, 60_000);
    expect(renewed).not.toBeNull();
    await sleep(300);
    expect(await b.takeOver(row.id)).toBeNull();
  });

  it('does not take over a finished meeting', async () => {
    const row = await a.claim({ kind: 'standup', localDate: '2027-03-03', trigger: 'schedule', lead: 'vp_marketing', leaseMs: 1 });
    if (!won(row)) throw new Error('expected to win');
    await a.finish(row.id, { summary: 'ok' });
    await sleep(10);
    expect(await b.takeOver(row.id)).toBeNull();
  });
});

describe('a meeting from start to end', () => {
  it('attaches its thread, finishes once, and is the "since" of the next one', async () => {
    const first = await a.claim({ kind: 'standup', localDate: '2027-04-01', trigger: 'schedule', lead: 'vp_marketing' });
    if (!won(first)) throw new Error('expected to win');
    const threaded = await a.attachThread(first.id, { channelId: 'C1', threadTs: '1.2', conversationId: 'conv_1' });
    expect(threaded).toMatchObject({ channelId: 'C1', threadTs: '1.2', conversationId: 'conv_1' });
    const done = await a.finish(first.id, { summary: 'Blockers cleared.' });
    expect(done).toMatchObject({ state: 'done', summary: 'Blockers cleared.', leaseUntil: null });
    expect(done!.finishedAt).toBeInstanceOf(Date);
    expect(await b.finish(first.id, { summary: 'again' })).toBeNull();
    expect(await b.fail(first.id, 'late')).toBeNull();

    const second = await a.claim({ kind: 'standup', localDate: '2027-04-02', trigger: 'schedule', lead: 'vp_marketing' });
    if (!won(second)) throw new Error('expected to win');
    expect(await a.fail(second.id, 'Slack refused the post')).toMatchObject({ state: 'failed', outcome: 'Slack refused the post' });
    expect((await b.latestDone('standup'))?.id).toBe(first.id);
    expect(await b.latestDone('quarterly_planning')).toBeUndefined();
    expect((await b.byId(second.id))?.state).toBe('failed');
    expect(await b.byId('mtg_none')).toBeUndefined();
  });

  it('records a missed meeting as skipped, unless that day has one already', async () => {
    const skipped = await a.skip({ kind: 'standup', localDate: '2027-05-03', scheduledFor: new Date('2027-05-03T13:00:00Z'), lead: 'vp_marketing', outcome: 'no process was running at 09:00' });
    expect(skipped).toMatchObject({ state: 'skipped', trigger: 'schedule', outcome: 'no process was running at 09:00', leaseUntil: null });
    expect(await b.skip({ kind: 'standup', localDate: '2027-05-03', scheduledFor: new Date('2027-05-03T13:00:00Z'), lead: 'vp_marketing', outcome: 'again' })).toBeNull();
    const ran = await a.claim({ kind: 'standup', localDate: '2027-05-04', trigger: 'catch_up', lead: 'vp_marketing' });
    expect(won(ran)).toBe(true);
    expect(await b.skip({ kind: 'standup', localDate: '2027-05-04', scheduledFor: new Date('2027-05-04T13:00:00Z'), lead: 'vp_marketing', outcome: 'missed' })).toBeNull();
    // A skipped day cannot be claimed afterwards.
    expect(won(await b.claim({ kind: 'standup', localDate: '2027-05-03', trigger: 'command', lead: 'vp_marketing' }))).toBe(false);
  });

  it('lists the latest meetings newest day first', async () => {
    const recent = await a.recent(3);
    expect(recent.map((r) => r.localDate)).toEqual(['2027-05-04', '2027-05-03', '2027-04-02']);
  });
});

describe('on embedded PGlite', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'dept-meetings-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('has the meetings table from the migrations and claims once', async () => {
    const database = await openDatabase({ dataDir: dir });
    try {
      const store = new MeetingStore(database.db);
      const input = { kind: 'standup', localDate: '2027-01-04', trigger: 'schedule' as const, lead: 'vp_marketing', leaseMs: 1 };
      const row = await store.claim(input);
      expect(won(row)).toBe(true);
      expect(won(await store.claim(input))).toBe(false);
      await new Promise((r) => setTimeout(r, 10));
      expect(await store.takeOver((row as MeetingRow).id)).not.toBeNull();
    } finally {
      await database.close();
    }
  });
});
