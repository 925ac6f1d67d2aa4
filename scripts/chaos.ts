/**
 * Fault harness (issue 6, item 7): the department as separate processes on real Postgres and
 * Redis, a Slack-like sender and a fake Slack Web API that counts answers per event, and faults
 * in the middle of a burst. Prints sent / acked / answered / lost / duplicated, crashes and the
 * recovery time per trial, and exits 1 when any trial loses or duplicates an answer, crashes a
 * process or takes longer than CHAOS_RECOVERY_LIMIT_MS (30 s) to answer everything.
 *
 * kill-mid-workflow is a workflow trial (scripts/chaos/workflow-trial.ts): CHAOS_WORKFLOWS blog
 * posts (6) asked of the Content Manager, each starting a content workflow in its own thread, a
 * worker SIGKILLed while the runs are mid-step, and each thread counted until every run waits at
 * its approval: one plan, one request and one answer per step, two approval cards and one approval
 * request per approval, no task twice (scripts/chaos/workflow-tally.ts).
 *
 *   npm run chaos
 *   CHAOS_TRIALS=kill-worker,slack-429 CHAOS_KILL_RUNS=3 CHAOS_LAYOUT=roles npm run chaos
 *
 * Variables (scripts/chaos/options.ts): CHAOS_LAYOUT (all|roles), CHAOS_TRIALS, CHAOS_KILL_RUNS,
 * CHAOS_EVENTS, CHAOS_DEADLINE_MS, CHAOS_RECOVERY_LIMIT_MS, CHAOS_SETTLE_MS, CHAOS_429_FRACTION,
 * CHAOS_REDIS_DOWN_MS, CHAOS_PG_TERMINATIONS, CHAOS_RETRY_DELAYS_MS, CHAOS_WORKFLOWS,
 * CHAOS_WORKFLOW_WORKERS (1, 2 or 1,2), CHAOS_WORKFLOW_KILL_AFTER_STEPS (1), CHAOS_LOG_DIR, …
 */
import { rmSync } from 'node:fs';
import { departmentWithRoomyBudgets } from './chaos/department-dir.js';
import { chaosOptionsFromEnv } from './chaos/options.js';
import { report } from './chaos/report.js';
import { runTrial, type TrialResult } from './chaos/trial.js';
import { trialSpecs } from './chaos/trials.js';

async function main(): Promise<number> {
  const options = chaosOptionsFromEnv(process.env);
  const specs = trialSpecs(options);
  console.log(
    `Fault harness: ${specs.length} trials of ${options.events} events, layout ${options.layout}, ` +
      `deadline ${options.deadlineMs / 1000} s, recovered within ${options.recoveryLimitMs / 1000} s; process logs in ${options.logDir}`,
  );
  const departmentDir = departmentWithRoomyBudgets();
  const results: TrialResult[] = [];
  try {
    for (const spec of specs) {
      const result = await runTrial(spec, options, departmentDir).catch((err: unknown) => harnessFailure(spec.name, options.events, err));
      const t = result.tally;
      const recovery = result.recoveryMs === undefined ? 'not recovered' : `recovered in ${(result.recoveryMs / 1000).toFixed(1)} s`;
      const open = result.unfinished ? `, ${result.unfinished} deliveries unfinished` : '';
      const answered = result.workflows ? 'runs at their approval' : 'answered';
      console.log(`  ${result.ok ? 'ok  ' : 'FAIL'} ${spec.name}: ${t.answered}/${t.sent} ${answered}, ${t.lost} lost, ${t.duplicated} duplicated, ${result.crashes.length} crashes${open}, ${recovery}`);
      results.push(result);
    }
  } finally {
    rmSync(departmentDir, { recursive: true, force: true });
  }
  console.log(`\n${report(results, options.recoveryLimitMs, options.deadlineMs)}`);
  return results.every((r) => r.ok) ? 0 : 1;
}

/** The harness itself could not run a trial (a server would not start): a failed trial, and on to the next. */
function harnessFailure(name: string, events: number, err: unknown): TrialResult {
  return {
    name,
    tally: { sent: 0, acked: 0, answered: 0, lost: events, duplicated: 0, repeatedIds: [], notices: 0, otherAgents: 0, allAnsweredAt: undefined, lostEvents: [] },
    recoveryMs: undefined,
    recovered: false,
    crashes: [],
    unfinished: undefined,
    notes: [`the harness could not run this trial: ${(err as Error).message}`],
    measured: {},
    ok: false,
  };
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error('The fault harness could not run:', err);
    process.exit(2);
  },
);
