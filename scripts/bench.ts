/**
 * Throughput benchmark, from outside, on real PostgreSQL and Redis: signed app_mention events to
 * POST /slack/events of the department started as `npm start` starts it with both services set
 * (a web process answering Slack and WORKERS forked worker processes running the turns), Slack's
 * Web API answered by a local server. Three runs, measured the same way in the same invocation:
 *
 *   1. the department with the offline rehearsal model;
 *   2. the department with Claude answered by a local stand-in for the Anthropic Messages API that
 *      replies at once (post_message, then end_turn), so the department's own cost is measured;
 *   3. a stock Bolt app (HTTPReceiver, an app_mention listener that does nothing), the baseline.
 *
 * Printed for each: messages per minute end to end (mentions answered by an agent, from the first
 * event sent to the last answer posted; budget and error notices are not answers, and the runs get
 * a copy of the department whose budgets cannot trip), ack latency p50/p99 and peak RSS.
 *
 *   npm run bench
 *   BENCH_EVENTS=500 BENCH_RUNS=claude npm run bench        # a short run while developing
 *
 * BENCH_EVENTS (3000), BENCH_CONCURRENCY (10 in flight), BENCH_RATE (0: no pacing, else events/s),
 * BENCH_WORKERS (the WORKERS default), BENCH_RUNS (rehearsal,claude,bolt), BENCH_POSTGRES_URL,
 * BENCH_REDIS_URL, BENCH_CPU_PROF=1 (V8 CPU profiles of every department process into /tmp/prof),
 * BENCH_LOG_FILE (append the department's warnings and errors there).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { openSync } from 'node:fs';
import { loadavg } from 'node:os';
import { Redis } from 'ioredis';
import pg from 'pg';
import { DEFAULT_WORKERS } from '../src/config/config.js';
import { startAnthropicStandIn } from './bench/anthropic-stand-in.js';
import { benchDepartmentDir } from './bench/department-dir.js';
import { startFakeSlackApi } from './bench/fake-slack-api.js';
import { percentile, sendMentionsOffThread, sleep, type LoadResult } from './bench/load.js';
import { childPids, cpuSeconds, peakRssMb } from './bench/process-memory.js';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 3000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 10);
const RATE = Number(process.env.BENCH_RATE ?? 0);
const WORKERS = Number(process.env.BENCH_WORKERS ?? DEFAULT_WORKERS);
const RUNS = (process.env.BENCH_RUNS ?? 'rehearsal,claude,bolt').split(',').map((r) => r.trim());
const POSTGRES = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
/** Where the department's warnings and errors go (JSON lines); by default nowhere. */
const LOG_FILE = process.env.BENCH_LOG_FILE;
const TIMEOUT_MS = Number(process.env.BENCH_TIMEOUT_MS ?? 10 * 60_000);
const SECRET = 'bench-signing-secret';
const BOT = 'U0BENCHBOT';
const TEXT = "analytics how did last week's newsletter perform?";
/** Mentions answered before measuring: workers ready, code paths warm. */
const WARM_UP = 2 * CONCURRENCY;
const TARGET_PER_MIN = 12_000;
const TARGET_ACK_P99_MS = 100;

interface Figures {
  name: string;
  perMinute: number;
  perMinuteWhat: string;
  ackP50: number;
  ackP99: number;
  peakRss: string;
  notes: string[];
}

async function main() {
  const load = loadavg().map((l) => l.toFixed(2)).join(' ');
  console.log(
    `Benchmark: ${EVENTS} signed app_mention events per run, ${CONCURRENCY} in flight, ${RATE > 0 ? `offered at ${RATE}/s` : 'no pacing'}; ` +
      `PostgreSQL + Redis; the department as web + ${WORKERS} worker processes. Load average before: ${load}.`,
  );
  const results: Figures[] = [];
  let batch = 0;
  for (const run of RUNS) {
    batch++;
    if (run === 'rehearsal') results.push(await department('department, rehearsal model', batch, undefined));
    else if (run === 'claude') results.push(await withStandIn((url) => department('department, Anthropic stand-in', batch, url)));
    else if (run === 'bolt') results.push(await stockBolt(batch));
    else throw new Error(`BENCH_RUNS: unknown run "${run}" (rehearsal, claude, bolt)`);
  }
  printTable(results);
}

async function withStandIn(run: (url: string) => Promise<Figures>): Promise<Figures> {
  const standIn = await startAnthropicStandIn();
  try {
    const figures = await run(standIn.url);
    figures.notes.push(`${standIn.calls()} Messages API calls answered by the stand-in`);
    return figures;
  } finally {
    await standIn.close();
  }
}

async function department(name: string, batch: number, anthropicUrl: string | undefined): Promise<Figures> {
  const dbName = `dept_bench_${randomBytes(4).toString('hex')}`;
  const stream = `bench:${dbName}`;
  await admin(`create database ${dbName}`);
  const slack = await startFakeSlackApi(BOT);
  const departmentDir = benchDepartmentDir();
  const port = 30_000 + Math.floor(Math.random() * 20_000);
  const dbUrl = new URL(POSTGRES);
  dbUrl.pathname = `/${dbName}`;
  // Forked workers inherit the web process's node flags, so they write profiles too.
  const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir=/tmp/prof'] : [];
  const child = spawn(process.execPath, [...profile, '--import', 'tsx', 'src/main.ts'], {
    env: {
      ...process.env,
      ROLE: 'all',
      WORKERS: String(WORKERS),
      PORT: String(port),
      LOG_LEVEL: 'warn',
      DATABASE_URL: dbUrl.toString(),
      REDIS_URL: REDIS,
      REDIS_STREAM: stream,
      SLACK_BOT_TOKEN: 'xoxb-bench',
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_APP_TOKEN: '',
      MEETINGS_SCHEDULE: 'off', // the bench measures turns, not a standup at 9:00
      SLACK_API_URL: slack.url,
      ANTHROPIC_API_KEY: anthropicUrl ? 'sk-ant-bench-stand-in' : '',
      ANTHROPIC_BASE_URL: anthropicUrl ?? '',
      DEPARTMENT_DIR: departmentDir.dir,
      SHUTDOWN_GRACE_SECONDS: '5',
    },
    stdio: ['ignore', LOG_FILE ? openSync(LOG_FILE, 'a') : 'ignore', 'inherit'],
  });
  try {
    await waitHealthy(port, child);
    const url = `http://127.0.0.1:${port}/slack/events`;
    // Warm-up: every worker up and every code path compiled before the clock starts.
    const warm = await sendMentionsOffThread({ url, secret: SECRET, botUserId: BOT, count: WARM_UP, concurrency: CONCURRENCY, ratePerSecond: 0, batch: batch * 10, text: TEXT });
    await waitForReplies(slack.repliesByThread, warm, child);
    const commitsBefore = await commitsOf(dbName);
    const cpuBefore: Record<string, number> = { ...treeCpu(child.pid!), ...(await postgresCpu(dbName)) };
    const benchCpuBefore = process.cpuUsage();

    const result = await sendMentionsOffThread({ url, secret: SECRET, botUserId: BOT, count: EVENTS, concurrency: CONCURRENCY, ratePerSecond: RATE, batch: batch * 10 + 1, text: TEXT });
    await waitForReplies(slack.repliesByThread, result, child);
    const cpuAfter = { ...treeCpu(child.pid!), ...(await postgresCpu(dbName)) };
    const benchCpu = process.cpuUsage(benchCpuBefore);
    const answered = await agentAnswers(dbUrl.toString(), [...result.sentAt.keys()]);
    const lastAnswer = Math.max(...[...result.sentAt.keys()].map((ts) => slack.repliesByThread.get(ts)!));
    const totalMs = lastAnswer - result.startedAt;
    const workerPids = childPids(child.pid!);
    const latencies = [...result.sentAt].map(([ts, at]) => slack.repliesByThread.get(ts)! - at);
    const cpu = [
      ...Object.entries(cpuAfter).map(([who, s]) => `${who} ${(s - (cpuBefore[who] ?? 0)).toFixed(1)} s`),
      `this script (load, fake Slack${anthropicUrl ? ', stand-in' : ''}) ${((benchCpu.user + benchCpu.system) / 1e6).toFixed(1)} s`,
    ].join(', ');
    return {
      name,
      perMinute: Math.round((answered.threads / totalMs) * 60_000),
      perMinuteWhat: 'answers',
      ackP50: percentile(result.acks, 50),
      ackP99: percentile(result.acks, 99),
      peakRss: `web ${peakRssMb(child.pid!)} MB + workers ${workerPids.map(peakRssMb).join(' + ')} MB`,
      notes: [
        `${answered.threads}/${EVENTS} mentions answered by an agent (${answered.answers} agent posts, ${answered.notices} notices) in ${(totalMs / 1000).toFixed(1)} s; events acked in ${(result.sendMs / 1000).toFixed(1)} s`,
        `event in → answer posted: p50 ${percentile(latencies, 50)} ms, p99 ${percentile(latencies, 99)} ms`,
        `CPU during the run: ${cpu}`,
        `Postgres: ${(((await commitsOf(dbName)) - commitsBefore) / answered.threads).toFixed(1)} transactions per answer, web and workers (read-only statements count as one each)`,
      ],
    };
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    await slack.close();
    departmentDir.remove();
    await admin(`drop database if exists ${dbName} with (force)`);
    const redis = new Redis(REDIS);
    await redis.del(stream).finally(() => redis.disconnect());
  }
}

async function stockBolt(batch: number): Promise<Figures> {
  const slack = await startFakeSlackApi(BOT);
  const port = 30_000 + Math.floor(Math.random() * 20_000);
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/bench/stock-bolt.ts'], {
    env: { ...process.env, BOLT_PORT: String(port), BOLT_SIGNING_SECRET: SECRET, BOLT_SLACK_API_URL: slack.url },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    await new Promise<void>((resolve, reject) => {
      child.stdout!.on('data', (d: Buffer) => d.toString().includes('ready') && resolve());
      child.once('exit', (code) => reject(new Error(`stock Bolt app exited with ${code}`)));
    });
    const url = `http://127.0.0.1:${port}/slack/events`;
    await sendMentionsOffThread({ url, secret: SECRET, botUserId: BOT, count: WARM_UP, concurrency: CONCURRENCY, ratePerSecond: 0, batch: batch * 10, text: TEXT });
    const result = await sendMentionsOffThread({ url, secret: SECRET, botUserId: BOT, count: EVENTS, concurrency: CONCURRENCY, ratePerSecond: RATE, batch: batch * 10 + 1, text: TEXT });
    return {
      name: 'stock Bolt, no-op listener',
      perMinute: Math.round((EVENTS / result.sendMs) * 60_000),
      perMinuteWhat: 'acks (it answers nothing)',
      ackP50: percentile(result.acks, 50),
      ackP99: percentile(result.acks, 99),
      peakRss: `${peakRssMb(child.pid!)} MB`,
      notes: [],
    };
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    await slack.close();
  }
}

/** Waits until every thread of the batch has a reply in the fake Slack. */
async function waitForReplies(replies: Map<string, number>, load: LoadResult, child: ChildProcess) {
  const threads = [...load.sentAt.keys()];
  for (;;) {
    const missing = threads.filter((ts) => !replies.has(ts)).length;
    if (missing === 0) return;
    if (child.exitCode !== null) throw new Error(`the department exited with ${child.exitCode}`);
    if (Date.now() - load.startedAt > TIMEOUT_MS) throw new Error(`${missing}/${threads.length} mentions unanswered after ${TIMEOUT_MS / 1000} s`);
    await sleep(50);
  }
}

/** What the department posted in the benchmark's threads: agent answers, and notices (which are not answers). */
async function agentAnswers(url: string, threads: string[]) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ kind: string; threads: string; posts: string }>(
      `select m.author_kind as kind, count(distinct c.thread_ts) as threads, count(*) as posts
         from messages m join conversations c on c.id = m.conversation_id
        where c.thread_ts = any($1) and m.author_kind in ('agent', 'system') and m.ts is not null
        group by m.author_kind`,
      [threads],
    );
    const of = (kind: string) => rows.find((r) => r.kind === kind);
    return { threads: Number(of('agent')?.threads ?? 0), answers: Number(of('agent')?.posts ?? 0), notices: Number(of('system')?.posts ?? 0) };
  } finally {
    await client.end();
  }
}

/** CPU seconds of the Postgres backends serving the department's database (they live as long as the pools keep them). */
async function postgresCpu(dbName: string): Promise<Record<string, number>> {
  const client = new pg.Client({ connectionString: POSTGRES });
  await client.connect();
  try {
    const { rows } = await client.query<{ pid: number }>('select pid from pg_stat_activity where datname = $1', [dbName]);
    return { postgres: rows.reduce((sum, r) => sum + cpuSeconds(r.pid), 0) };
  } finally {
    await client.end();
  }
}

/**
 * Transactions committed in the department's database so far, from pg_stat_database. An idle
 * backend reports its counts up to 10 s late, hence the wait (the department is idle then).
 */
async function commitsOf(dbName: string): Promise<number> {
  await sleep(11_000);
  const client = new pg.Client({ connectionString: POSTGRES });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>('select xact_commit as n from pg_stat_database where datname = $1', [dbName]);
    return Number(rows[0]?.n ?? 0);
  } finally {
    await client.end();
  }
}

/** CPU seconds of the web process and each worker. */
function treeCpu(pid: number): Record<string, number> {
  const out: Record<string, number> = { web: cpuSeconds(pid) };
  childPids(pid).forEach((w, i) => (out[`worker ${i + 1}`] = cpuSeconds(w)));
  return out;
}

function printTable(results: Figures[]) {
  const pad = (s: string, n: number) => s.padEnd(n);
  console.log(`\n${pad('run', 34)}${pad('per minute, end to end', 36)}${pad('ack p50', 10)}${pad('ack p99', 10)}peak RSS`);
  for (const r of results) {
    console.log(
      `${pad(r.name, 34)}${pad(`${r.perMinute.toLocaleString('en-US')} ${r.perMinuteWhat}`, 36)}${pad(`${r.ackP50.toFixed(1)} ms`, 10)}${pad(`${r.ackP99.toFixed(1)} ms`, 10)}${r.peakRss}`,
    );
    for (const note of r.notes) console.log(`  ${note}`);
  }
  const dept = results.filter((r) => r.perMinuteWhat === 'answers');
  if (dept.length > 0) {
    console.log(`\nTargets: at least ${TARGET_PER_MIN.toLocaleString('en-US')} answers per minute end to end and ack p99 under ${TARGET_ACK_P99_MS} ms.`);
    for (const r of dept) {
      const rate = r.perMinute >= TARGET_PER_MIN ? 'met' : 'NOT met';
      const ack = r.ackP99 < TARGET_ACK_P99_MS ? 'met' : 'NOT met';
      console.log(`  ${r.name}: throughput ${rate}, ack p99 ${ack}`);
    }
  }
  console.log('Figures vary with whatever else the machine is running; compare runs of the same invocation.');
}

async function waitHealthy(port: number, child: ChildProcess) {
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`department exited with ${child.exitCode}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) return;
    } catch {
      /* not listening yet */
    }
    await sleep(100);
  }
  throw new Error('department did not become healthy in 60 s');
}

async function admin(sql: string) {
  const client = new pg.Client({ connectionString: POSTGRES });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
