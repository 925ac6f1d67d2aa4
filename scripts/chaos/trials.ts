import type { DepartmentProcess } from './department-process.js';
import type { ChaosOptions, TrialKind } from './options.js';
import type { FaultContext, FaultWindow, TrialSpec } from './trial.js';
import { workflowProgress } from './workflow-records.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Half the burst acknowledged: the fault strikes in the middle of it. */
const midBurst = (ctx: FaultContext) => ctx.burst.whenAcked(Math.ceil(ctx.burst.events.length / 2));

/**
 * SIGKILL in the worst moment we can see from outside: the victim holds bus entries and Slack has
 * accepted a post of its whose answer has not reached it yet (so it cannot have saved the ts).
 * After 3 s without such a moment, whatever it holds then.
 */
async function killHolding(ctx: FaultContext, victim: DepartmentProcess, restart: boolean): Promise<FaultWindow> {
  await midBurst(ctx);
  let held = 0;
  let posting = 0;
  for (const until = Date.now() + 3000; Date.now() < until; await sleep(2)) {
    posting = ctx.slack.postsInFlight(victim.slackToken);
    held = await ctx.cluster.held(victim).catch(() => 0);
    if (held > 0 && posting > 0) break;
  }
  const start = Date.now();
  await ctx.cluster.kill(victim, 'SIGKILL', restart);
  ctx.measure('killed', 1);
  ctx.measure('held', held);
  ctx.measure('posting', posting);
  const restarted = restart ? `restarted after ${ctx.options.restartDelayMs} ms` : 'not restarted';
  ctx.note(`SIGKILL ${victim.name} holding ${held} deliveries, ${posting} posts awaiting Slack's answer; ${restarted}`);
  return { start, end: start };
}

/**
 * SIGKILL while content workflows are mid-step: once half the runs have started and they have
 * asked for about CHAOS_WORKFLOW_KILL_AFTER_STEPS steps each, and before any reached its approval;
 * within that, at a moment the victim holds bus entries and has a post in flight (as killHolding),
 * after 3 s whatever it holds.
 */
async function killMidWorkflow(ctx: FaultContext, victim: DepartmentProcess, restart: boolean): Promise<FaultWindow> {
  const runs = ctx.burst.events.length;
  const steps = runs * ctx.options.workflowKillAfterSteps;
  let progress = { runs: 0, steps: 0, approvals: 0 };
  for (const until = Date.now() + 60_000; Date.now() < until; await sleep(20)) {
    progress = await workflowProgress(ctx.database).catch(() => progress);
    if (progress.approvals > 0 || (progress.runs >= Math.ceil(runs / 2) && progress.steps >= steps)) break;
  }
  let held = 0;
  let posting = 0;
  for (const until = Date.now() + 3000; Date.now() < until; await sleep(2)) {
    posting = ctx.slack.postsInFlight(victim.slackToken);
    held = await ctx.cluster.held(victim).catch(() => 0);
    if (held > 0 && posting > 0) break;
  }
  progress = await workflowProgress(ctx.database).catch(() => progress);
  const start = Date.now();
  await ctx.cluster.kill(victim, 'SIGKILL', restart);
  ctx.measure('killed', 1);
  ctx.measure('held', held);
  ctx.measure('posting', posting);
  ctx.measure('runsAtKill', progress.runs);
  ctx.measure('stepsAtKill', progress.steps);
  ctx.measure('approvalsAtKill', progress.approvals);
  const restarted = restart ? `restarted after ${ctx.options.restartDelayMs} ms` : 'not restarted';
  ctx.note(
    `SIGKILL ${victim.name} with ${progress.runs} runs started, ${progress.steps} steps asked, ${progress.approvals} approvals requested; ` +
      `holding ${held} deliveries, ${posting} posts awaiting Slack's answer; ${restarted}`,
  );
  return { start, end: start };
}

/** Trials by kind; the kill-worker trial repeats. */
export function trialSpecs(o: ChaosOptions): TrialSpec[] {
  const specs: Record<TrialKind, () => TrialSpec[]> = {
    'kill-worker': () =>
      Array.from({ length: o.killRuns }, (_, i) => ({
        name: `kill-worker #${i + 1}`,
        workers: 1,
        fault: (ctx: FaultContext) => killHolding(ctx, ctx.cluster.workers[0]!, true),
      })),
    'kill-1-of-2': () => [{ name: 'kill-1-of-2', workers: 2, fault: (ctx) => killHolding(ctx, ctx.cluster.workers[1]!, false) }],
    'pg-terminate': () => [
      {
        name: 'pg-terminate',
        workers: 1,
        async fault(ctx) {
          await midBurst(ctx);
          const start = Date.now();
          const ended: number[] = [];
          for (let i = 0; i < o.pgTerminations; i++) {
            if (i > 0) await sleep(o.pgTerminationGapMs);
            ended.push(await ctx.database.terminateBackends());
          }
          ctx.measure('terminated', ended.reduce((a, b) => a + b, 0));
          ctx.note(`pg_terminate_backend on the department's connections ${o.pgTerminations}× (${ended.join('+')} ended)`);
          return { start, end: Date.now() };
        },
      },
    ],
    'redis-restart': () => [
      {
        name: 'redis-restart',
        workers: 1,
        dedicatedRedis: true,
        async fault(ctx) {
          await midBurst(ctx);
          const start = Date.now();
          await ctx.redis!.kill();
          await sleep(o.redisDownMs);
          await ctx.redis!.start();
          ctx.measure('redisRestarts', 1);
          ctx.note(`Redis killed, back empty after ${o.redisDownMs} ms`);
          return { start, end: Date.now() };
        },
      },
    ],
    'slack-429': () => [
      {
        name: 'slack-429',
        workers: 1,
        rateLimitFraction: o.rateLimitFraction,
        // The fault lasts the whole trial; recovery counts from the first event.
        fault: async (ctx) => ({ start: ctx.burst.startedAt, end: ctx.burst.startedAt }),
      },
    ],
    'kill-mid-workflow': () =>
      o.workflowWorkers.map((workers) => ({
        name: `kill-mid-workflow (${workers === 1 ? '1 worker, restarted' : '1 of 2 workers'})`,
        workers,
        workflows: true,
        fault: (ctx: FaultContext) => (workers === 1 ? killMidWorkflow(ctx, ctx.cluster.workers[0]!, true) : killMidWorkflow(ctx, ctx.cluster.workers[1]!, false)),
      })),
  };
  return o.trials.flatMap((kind) => specs[kind]());
}
