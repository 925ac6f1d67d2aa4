/**
 * Content-workflow benchmark, offline: the department (buildApp in this process, the rehearsal
 * model, a fresh PostgreSQL database of its own, the Redis bus) against the fake Slack Web API
 * runs N content workflows, each asked for with a signed app_mention and approved with a signed
 * block_actions click as soon as its card is posted. Printed per workflow: wall time (request →
 * "Workflow done"), steps, model calls, tokens and the estimated cost on Claude; then median / p90
 * wall time and the totals. Figures are printed, never asserted.
 *
 *   npm run bench:workflow
 *   npm run bench:workflow -- --runs 10 --concurrency 3
 *
 * BENCH_POSTGRES_URL, BENCH_REDIS_URL, BENCH_TIMEOUT_MS (per workflow, 120000), BENCH_LOG_LEVEL (error).
 */
import { loadavg } from 'node:os';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { buildApp, type App } from '../src/build-app.js';
import { loadConfig } from '../src/config/config.js';
import { estimateOnClaude } from './bench/claude-estimate.js';
import { contentRun } from './bench/content-run.js';
import { startFakeSlackApi } from './bench/fake-slack-api.js';
import { inLanes } from './bench/lanes.js';
import { sleep } from './bench/load.js';
import { priceSources } from './bench/price-sources.js';
import { cachedPrefixTokens } from './bench/prompt-prefix.js';
import { runRecords, unfinishedDeliveries } from './bench/workflow-records.js';
import { printWorkflowReport, type WorkflowFigures } from './bench/workflow-report.js';
import { workflowBenchOptions } from './bench/workflow-options.js';
import { createTrialDatabase } from './chaos/postgres.js';

const SECRET = 'bench-workflow-signing-secret';
const BOT = 'U0BENCHBOT';
const APPROVER = 'U0BENCHAPPROVER';
const CONTENT_CHANNEL = 'C0BENCH'; // where load.ts's app_mention is posted
/** Topics free of words the rehearsal model reads as another content type ("email", "tweet", "legal"…; src/llm/rehearsal/drafts.ts). */
const TOPICS = ['AI costs for small businesses', 'remote team onboarding', 'pricing page experiments', 'customer stories that convert', 'choosing a CRM for a ten-person team'];

async function main() {
  const opts = workflowBenchOptions(process.argv.slice(2), process.env);
  const database = await createTrialDatabase(opts.postgresUrl, 'bench_workflow');
  const stream = `bench:${database.name}`;
  let app: App | undefined;
  const slack = await startFakeSlackApi(BOT, {
    // The request's channel is the Content Manager's home; cards and announcements go to the department's channels by name.
    channels: { 'marketing-content': CONTENT_CHANNEL, 'dept-approvals': 'C0APPROVALS', 'dept-escalations': 'C0ESCALATIONS', 'dept-decisions': 'C0DECISIONS', 'marketing-published': 'C0PUBLISHED' },
  });
  try {
    const config = loadConfig({
    MEETINGS_SCHEDULE: 'off', // meetings only when a test asks for one
      PORT: '0',
      DATABASE_URL: database.url,
      REDIS_URL: opts.redisUrl,
      REDIS_STREAM: stream,
      SLACK_BOT_TOKEN: 'xoxb-bench',
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: slack.url,
      APPROVERS: APPROVER,
      SHUTDOWN_GRACE_SECONDS: '5',
    });
    // No ANTHROPIC_API_KEY in this config: the offline rehearsal model answers.
    app = await buildApp(config, { logger: pino({ level: opts.logLevel }, pino.destination(2)) });
    const db = app.store.db;
    console.log(
      `Content workflow benchmark: ${opts.runs} workflows, ${opts.concurrency} at a time; OFFLINE REHEARSAL MODEL (not Claude); ` +
        `a fresh PostgreSQL database (dropped at the end), Redis bus; Slack answered by a local fake; approver ${APPROVER} clicks Approve on each card. ` +
        `Load average before: ${loadavg().map((l) => l.toFixed(2)).join(' ')}.`,
    );

    const stop = new AbortController();
    // Ctrl-C stops the workflows' waits, so the app is stopped and the database dropped all the same.
    process.once('SIGINT', () => stop.abort(new Error('interrupted')));
    const deps = { db, botUserId: BOT, timeoutMs: opts.timeoutMs, signal: stop.signal, approver: { userId: APPROVER, eventsUrl: `http://127.0.0.1:${app.port()}/slack/events`, signingSecret: SECRET, slack } };
    const started = Date.now();
    const timings = await inLanes(opts.runs, opts.concurrency, stop, (i) => contentRun(i + 1, TOPICS[i % TOPICS.length]!, deps));
    const elapsedMs = Date.now() - started;
    // The hand-off FYIs are turns after "Workflow done": let them finish so the thread's figures are whole.
    for (let i = 0; i < 150 && (await unfinishedDeliveries(db)) > 0; i++) await sleep(100);

    const prefixTokens = cachedPrefixTokens(app.department);
    const runs: WorkflowFigures[] = [];
    for (const [i, t] of timings.entries()) {
      const records = await runRecords(db, t.runId);
      runs.push({
        n: i + 1,
        topic: TOPICS[i % TOPICS.length]!,
        status: records.status,
        outcome: records.outcome,
        wallMs: t.wallMs,
        approvalWaitMs: t.approvalWaitMs,
        steps: records.steps,
        slowestStep: records.slowestStep,
        calls: records.calls,
        estimate: estimateOnClaude(records.calls, app.department, prefixTokens),
        threadCalls: records.threadCalls,
        threadEstimate: estimateOnClaude(records.threadCalls, app.department, prefixTokens),
      });
    }
    printWorkflowReport(runs, { department: app.department, prefixTokens, priceSources: priceSources(config.DEPARTMENT_DIR), elapsedMs, concurrency: opts.concurrency });
  } finally {
    await app?.stop();
    await slack.close();
    await database.drop();
    const redis = new Redis(opts.redisUrl);
    await redis.del(stream).finally(() => redis.disconnect());
  }
}

main().catch((err: unknown) => {
  // The messages say which workflow stuck where (its thread's posts); a stack would only bury that.
  console.error(`bench:workflow failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
