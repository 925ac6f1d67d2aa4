import { Agent, request } from 'node:http';
import { Worker } from 'node:worker_threads';
import { slackSignatureHeaders } from '../../src/lib/slack-signature.js';

export interface LoadResult {
  /** Ack latency of every event, ms (request sent → Slack's 200 back). */
  acks: number[];
  /** Thread ts → when its event was sent (epoch ms). */
  sentAt: Map<string, number>;
  startedAt: number;
  sendMs: number;
}

/**
 * Sends `count` signed app_mention events to POST /slack/events as Slack would, at most
 * `concurrency` in flight; `ratePerSecond` 0 sends the next as soon as one is acked (no pacing).
 * Anything but a 200 stops the run: Slack would retry it, and the figures would be wrong.
 */
export interface LoadOptions {
  url: string;
  secret: string;
  botUserId: string;
  count: number;
  concurrency: number;
  ratePerSecond: number;
  /** Distinguishes this batch's event ids and thread timestamps from any other batch's. */
  batch: number;
  text: string;
}

/**
 * sendMentions on a thread of its own: the benchmark's main thread also serves the fake Slack API
 * and the Anthropic stand-in, and an ack must not be timed late because that loop was busy.
 */
export function sendMentionsOffThread(opts: LoadOptions): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    // The thread runs TypeScript too: it registers tsx's loader itself (workers do not inherit it).
    const entry = new URL('./load-thread.ts', import.meta.url).href;
    const boot = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); })`;
    const worker = new Worker(boot, { eval: true, workerData: opts });
    worker.once('message', (result: LoadResult | { error: string }) => {
      if ('error' in result) reject(new Error(result.error));
      else resolve(result);
    });
    worker.once('error', reject);
  });
}

export async function sendMentions(opts: LoadOptions): Promise<LoadResult> {
  const acks: number[] = [];
  const sentAt = new Map<string, number>();
  const startedAt = Date.now();
  // node:http with keep-alive costs the load generator less CPU than fetch; the machine is shared with the service.
  const agent = new Agent({ keepAlive: true, maxSockets: opts.concurrency });
  const send = async (i: number) => {
    const ts = `${1_700_000_000 + opts.batch * 100_000 + i}.000100`;
    const body = JSON.stringify(appMention(opts.botUserId, `Ev${opts.batch}x${i}`, ts, opts.text));
    sentAt.set(ts, Date.now());
    const t0 = performance.now();
    const status = await post(opts.url, agent, { 'content-type': 'application/json', ...slackSignatureHeaders(opts.secret, body) }, body);
    acks.push(performance.now() - t0);
    if (status !== 200) throw new Error(`event ${i} was answered ${status}`);
  };
  const inFlight = new Set<Promise<void>>();
  for (let i = 0; i < opts.count; i++) {
    if (opts.ratePerSecond > 0) {
      const due = startedAt + (i * 1000) / opts.ratePerSecond;
      if (due > Date.now()) await sleep(due - Date.now());
    }
    while (inFlight.size >= opts.concurrency) await Promise.race(inFlight);
    const p: Promise<void> = send(i).finally(() => inFlight.delete(p));
    inFlight.add(p);
  }
  await Promise.all(inFlight);
  const sendMs = Date.now() - startedAt;
  agent.destroy();
  return { acks, sentAt, startedAt, sendMs };
}

/** POST a body and read the whole answer; resolves with the status. */
function post(url: string, agent: Agent, headers: Record<string, string>, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', agent, headers: { ...headers, 'content-length': Buffer.byteLength(body) } }, (res) => {
      res.resume();
      res.once('end', () => resolve(res.statusCode ?? 0));
      res.once('error', reject);
    });
    req.once('error', reject);
    req.end(body);
  });
}

function appMention(botUserId: string, eventId: string, ts: string, text: string) {
  return {
    token: 'bench',
    team_id: 'T0BENCH',
    api_app_id: 'A0BENCH',
    type: 'event_callback',
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ enterprise_id: null, team_id: 'T0BENCH', user_id: botUserId, is_bot: true, is_enterprise_install: false }],
    event: { type: 'app_mention', user: 'U0BENCHHUMAN', text: `<@${botUserId}> ${text}`, ts, channel: 'C0BENCH', event_ts: ts },
  };
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
