import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { departmentWithRoomyBudgets } from '../../../scripts/chaos/department-dir.js';
import { defaultChaosOptions, type ChaosOptions, type TrialKind } from '../../../scripts/chaos/options.js';
import { runTrial } from '../../../scripts/chaos/trial.js';
import { trialSpecs } from '../../../scripts/chaos/trials.js';
import type { WorkflowTally } from '../../../scripts/chaos/workflow-tally.js';
import { TEST_POSTGRES_URL, TEST_REDIS_URL } from '../../support/services.js';

/**
 * The fault harness's core cases (npm run chaos runs all of them, the kill ten times): the
 * department as separate processes on real Postgres and Redis, a burst of signed events, a fault
 * in the middle. Whatever the fault, every event gets exactly one answer, the department finishes
 * every delivery and no process dies. The workflow trial asks for blog posts instead, and kills
 * the worker while their content workflows are mid-step: every run reaches its approval with each
 * step asked and answered once, its two cards and one approval request (workflow-tally.ts).
 * No timings are asserted: the deadline only bounds how long a lost answer is waited for.
 */
const options: ChaosOptions = {
  ...defaultChaosOptions(),
  postgresUrl: TEST_POSTGRES_URL,
  redisUrl: TEST_REDIS_URL,
  events: 20,
  killRuns: 1,
  deadlineMs: 40_000,
  settleMs: 2000,
  logDir: join(tmpdir(), `chaos-test-${process.pid}`),
};
let departmentDir: string;

beforeAll(() => {
  departmentDir = departmentWithRoomyBudgets();
});
afterAll(() => rmSync(departmentDir, { recursive: true, force: true }));

async function trial(kind: TrialKind, over: Partial<ChaosOptions> = {}) {
  const o = { ...options, ...over };
  const [spec] = trialSpecs({ ...o, trials: [kind] });
  const result = await runTrial(spec!, o, departmentDir);
  // The notes name what went wrong (crash reasons, notices) when an assertion fails.
  return { ...result, notes: result.notes.join('; ') };
}

describe('fault harness trials (real processes, Postgres and Redis)', { timeout: 120_000 }, () => {
  it('SIGKILL of a worker mid-burst: every event answered once, the restarted worker or another takes over', async () => {
    const r = await trial('kill-worker');
    expect(r.measured.killed).toBe(1);
    expect({ sent: r.tally.sent, lost: r.tally.lost, duplicated: r.tally.duplicated, crashes: r.crashes.length, unfinished: r.unfinished, notes: r.notes }).toEqual({
      sent: 20, lost: 0, duplicated: 0, crashes: 0, unfinished: 0, notes: r.notes,
    });
  });

  it('Slack answering 429 to 30% of posts: every event answered once, no failure notices', async () => {
    const r = await trial('slack-429');
    expect(r.measured.rateLimited).toBeGreaterThan(0);
    expect({ lost: r.tally.lost, duplicated: r.tally.duplicated, notices: r.tally.notices, crashes: r.crashes.length, unfinished: r.unfinished }).toEqual({
      lost: 0, duplicated: 0, notices: 0, crashes: 0, unfinished: 0,
    });
  });

  it("pg_terminate_backend of the department's connections mid-burst: no process dies, every event answered once", async () => {
    const r = await trial('pg-terminate');
    expect(r.measured.terminated).toBeGreaterThan(0);
    expect({ lost: r.tally.lost, duplicated: r.tally.duplicated, crashes: r.crashes.map((c) => `${c.name}: ${c.lastError}`), unfinished: r.unfinished }).toEqual({
      lost: 0, duplicated: 0, crashes: [], unfinished: 0,
    });
  });

  it('SIGKILL of the only worker while content workflows are mid-step: every run reaches its approval, no step, card, record or task twice', async () => {
    const r = await trial('kill-mid-workflow', { workflowRuns: 4, workflowWorkers: [1], deadlineMs: 60_000 });
    expect(r.measured.killed).toBe(1);
    expect(r.measured.approvalsAtKill).toBe(0); // struck before any run reached its approval
    const w = r.tally as WorkflowTally;
    expect({ sent: w.sent, atApproval: w.counts.atApproval, duplicated: w.duplicated, problems: w.problems, crashes: r.crashes.length, unfinished: r.unfinished, notes: r.notes }).toEqual({
      sent: 4, atApproval: 4, duplicated: 0, problems: [], crashes: 0, unfinished: 0, notes: r.notes,
    });
    // Per run: the plan, 8 agent steps (keywords, draft, review, draft v2, review, image, brand, SEO) asked and answered once, 2 cards, 1 request.
    expect(w.counts).toMatchObject({ runs: 4, plans: 4, stepRequests: 32, stepAnswers: 32, cards: 8, approvalRequests: 4, duplicateTasks: 0 });
  });
});
