import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DriveLease } from '../../../src/workflows/drive-lease.js';
import { WorkflowStore } from '../../../src/workflows/workflow-store.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';

/**
 * The lease a process holds on a workflow run while it drives it, on Postgres. A driver that is
 * SIGKILLed mid-step never gives its runs back: they used to stay out of everyone's reach for the
 * two minutes of a fixed lease (the chaos trial kill-mid-workflow saw every run stall). Now the
 * lease is short and a live driver renews it, so a dead one's runs are free soon after, while a
 * slow live one keeps them; and a driver that lost its run cannot end its successor's lease.
 */
let t: TestDatabase;
let runs: WorkflowStore;
let n = 0;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  t = await createTestDatabase();
  runs = new WorkflowStore(t.database.db);
});
afterAll(() => t.drop());

async function newRun() {
  n++;
  const run = await runs.create({ id: `wf_lease_${n}`, kind: 'content', conversationId: `conv_lease_${n}`, channelId: 'C0LEASE', threadTs: `1.${n}`, coordinator: 'content_manager', brief: {} });
  return run!.id;
}

describe('the drive lease of a workflow run', () => {
  it('of a driver that died is free once it runs out; a live driver renews it past that', async () => {
    const dead = await newRun();
    const live = await newRun();
    // The dead driver takes its run and never renews nor releases it (SIGKILL).
    expect(await runs.lease(dead, 400)).not.toBeNull();
    const keeper = await DriveLease.take(runs, live, 400, 100);
    expect(keeper).not.toBeNull();
    expect(await DriveLease.take(runs, dead, 400, 100)).toBeNull(); // held: the caller asks for a wake instead
    await sleep(700);
    expect((await runs.undriven()).map((r) => r.id)).toContain(dead); // the sweeper sees it
    expect((await runs.undriven()).map((r) => r.id)).not.toContain(live); // renewed
    const successor = await DriveLease.take(runs, dead, 400, 100);
    expect(successor).not.toBeNull();
    expect(keeper!.lost).toBe(false);
    expect(await keeper!.release()).toBe(true);
    keeper!.end();
    expect(await successor!.release()).toBe(true);
    successor!.end();
    expect((await runs.undriven()).map((r) => r.id)).toEqual(expect.arrayContaining([dead, live]));
  });

  it('a driver that lost its run (paused past its lease) neither ends nor extends the new driver\'s lease', async () => {
    const id = await newRun();
    const stale = await runs.lease(id, 200);
    await sleep(300);
    const current = await runs.lease(id, 60_000);
    expect(current).not.toBeNull();
    expect(await runs.renew(id, stale!, 60_000)).toBeNull();
    expect(await runs.release(id, stale!)).toBe(true); // nothing of its own to give back
    expect((await runs.undriven()).map((r) => r.id)).not.toContain(id);
    // A wake asked for while the current driver holds it: its release says look again, once.
    expect(await runs.lease(id, 60_000)).toBeNull();
    expect(await runs.release(id, current!)).toBe(false);
    expect(await runs.release(id, current!)).toBe(true);
    expect((await runs.undriven()).map((r) => r.id)).toContain(id);
  });

  it('the sweep reaches every run in turn when there are more live runs than it takes at once', async () => {
    for (let i = 0; i < 5; i++) await newRun();
    const all = (await runs.undriven(1_000)).map((r) => r.id);
    expect(all.length).toBeGreaterThan(5);
    const limit = 2;
    const seen = new Set<string>();
    // A sweep drives each run it gets (takes and gives back its lease), as startWorkflows' does.
    for (let sweep = 0; sweep < Math.ceil(all.length / limit); sweep++) {
      for (const run of await runs.undriven(limit)) {
        seen.add(run.id);
        const lease = await DriveLease.take(runs, run.id);
        expect(lease).not.toBeNull();
        expect(await lease!.release()).toBe(true);
        lease!.end();
      }
    }
    expect([...seen].sort()).toEqual([...all].sort());
  });
});
