/**
 * Throughput benchmark: signed app_mention events through the real HTTP endpoint of a real
 * department process (offline rehearsal model, real Postgres, in-process bus or Redis), with
 * Slack's Web API answered by a local server. Prints ack latency, end-to-end throughput and memory.
 *
 * Events are offered at BENCH_RATE per second (open loop, like Slack: it does not wait for us);
 * BENCH_RATE=0 sends as fast as BENCH_CONCURRENCY requests in flight allow, to find capacity.
 *
 *   npm run bench                       # both buses, 5000 events each at 200/s (12,000/min)
 *   BENCH_EVENTS=20000 BENCH_RATE=0 BENCH_BUS=redis npm run bench
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { slackSignatureHeaders } from '../src/lib/slack-signature.js';
import { startFakeSlackApi } from './bench/fake-slack-api.js';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 5000);
const RATE = Number(process.env.BENCH_RATE ?? 200);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 256);
const BUSES = (process.env.BENCH_BUS ?? 'in-process,redis').split(',');
const POSTGRES = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const SECRET = 'bench-signing-secret';
const BOT = 'U0BENCHBOT';
const TIMEOUT_MS = Number(process.env.BENCH_TIMEOUT_MS ?? 10 * 60_000);

async function main() {
  console.log(
    `Benchmark: ${EVENTS} events, ${RATE > 0 ? `offered at ${RATE}/s (${RATE * 60}/min)` : 'as fast as possible'}, at most ${CONCURRENCY} in flight, buses: ${BUSES.join(', ')}`,
  );
  for (const bus of BUSES) await run(bus.trim());
}

async function run(bus: string) {
  const dbName = `dept_bench_${randomBytes(4).toString('hex')}`;
  await admin(`create database ${dbName}`);
  const slack = await startFakeSlackApi(BOT);
  const port = 30_000 + Math.floor(Math.random() * 20_000);
  const dbUrl = new URL(POSTGRES);
  dbUrl.pathname = `/${dbName}`;
  const child = spawn(process.execPath, [...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir=/tmp/prof'] : []), '--import', 'tsx', 'src/main.ts'], {
    env: {
      ...process.env,
      PORT: String(port),
      LOG_LEVEL: 'warn',
      DATABASE_URL: dbUrl.toString(),
      REDIS_URL: bus === 'redis' ? REDIS : '',
      SLACK_BOT_TOKEN: 'xoxb-bench',
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_APP_TOKEN: '',
      SLACK_API_URL: slack.url,
      ANTHROPIC_API_KEY: '',
      SHUTDOWN_GRACE_SECONDS: '5',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    await waitHealthy(port, child);
    const base = `http://127.0.0.1:${port}/slack/events`;
    const runId = randomBytes(3).toString('hex');
    const acks: number[] = [];
    const sentAt = new Map<string, number>();
    const started = Date.now();
    const send = async (i: number) => {
      const ts = `${1_800_000_000 + i}.000100`;
      const body = JSON.stringify(appMention(`Ev${runId}${i}`, ts));
      const t0 = performance.now();
      sentAt.set(ts, Date.now());
      const res = await fetch(base, { method: 'POST', headers: { 'content-type': 'application/json', ...slackSignatureHeaders(SECRET, body) }, body });
      acks.push(performance.now() - t0);
      if (res.status !== 200) throw new Error(`event ${i} answered ${res.status}`);
      await res.arrayBuffer();
    };
    const inFlight = new Set<Promise<void>>();
    for (let i = 0; i < EVENTS; i++) {
      if (RATE > 0) {
        const due = started + (i * 1000) / RATE;
        if (due > Date.now()) await sleep(due - Date.now());
      }
      while (inFlight.size >= CONCURRENCY) await Promise.race(inFlight);
      const p: Promise<void> = send(i).finally(() => inFlight.delete(p));
      inFlight.add(p);
    }
    await Promise.all(inFlight);
    const sendMs = Date.now() - started;
    const memDuring = memoryOf(child.pid!);
    while (slack.repliesByThread.size < EVENTS) {
      if (Date.now() - started > TIMEOUT_MS) throw new Error(`only ${slack.repliesByThread.size}/${EVENTS} replies after ${TIMEOUT_MS} ms`);
      await sleep(50);
    }
    const lastReply = Math.max(...slack.repliesByThread.values());
    const totalMs = lastReply - started;
    const e2e = [...slack.repliesByThread].map(([ts, at]) => at - sentAt.get(ts)!);
    const mem = memoryOf(child.pid!);
    console.log(
      [
        `\n[${bus} bus] ${EVENTS} events${RATE > 0 ? ` offered at ${RATE * 60}/min` : ''}`,
        `  ack latency        p50 ${pct(acks, 50).toFixed(1)} ms   p99 ${pct(acks, 99).toFixed(1)} ms   max ${Math.max(...acks).toFixed(1)} ms`,
        `  events sent in     ${(sendMs / 1000).toFixed(1)} s`,
        `  end to end         ${Math.round((EVENTS / totalMs) * 60_000)} messages/minute (event in → reply posted), ${(totalMs / 1000).toFixed(1)} s in all`,
        `  reply latency      p50 ${pct(e2e, 50)} ms   p99 ${pct(e2e, 99)} ms`,
        `  process memory     RSS ${mem.rssMb} MB now, ${memDuring.rssMb} MB after sending, peak ${mem.peakMb} MB`,
      ].join('\n'),
    );
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    await slack.close();
    await admin(`drop database if exists ${dbName} with (force)`);
  }
}

function appMention(eventId: string, ts: string) {
  return {
    token: 'bench',
    team_id: 'T0BENCH',
    api_app_id: 'A0BENCH',
    type: 'event_callback',
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ enterprise_id: null, team_id: 'T0BENCH', user_id: BOT, is_bot: true, is_enterprise_install: false }],
    event: {
      type: 'app_mention',
      user: 'U0BENCHHUMAN',
      text: `<@${BOT}> analytics how did last week's newsletter perform?`,
      ts,
      channel: 'C0BENCH',
      event_ts: ts,
    },
  };
}

async function waitHealthy(port: number, child: ChildProcess) {
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`department exited with ${child.exitCode}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) return;
    } catch {
      /* not listening yet */
    }
    await sleep(100);
  }
  throw new Error('department did not become healthy in 30 s');
}

function memoryOf(pid: number) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rssMb: Math.round(kb('VmRSS') / 1024), peakMb: Math.round(kb('VmHWM') / 1024) };
}

function pct(values: number[], p: number) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

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
