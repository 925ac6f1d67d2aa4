import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { buildApp, type App } from '../../src/build-app.js';
import { loadConfig } from '../../src/config/config.js';
import { slackSignatureHeaders } from '../../src/lib/slack-signature.js';
import { attendeesOf } from '../../src/meetings/attendees.js';
import { createTrialDatabase } from '../chaos/postgres.js';
import { startFakeSlackApi } from './fake-slack-api.js';
import { sleep } from './load.js';
import { seedOrdinaryDay, type SeededWork } from './standup-seed.js';
import { standupThreadFigures, type StandupThreadFigures } from './standup-thread.js';

const SECRET = 'bench-standup-signing-secret';
const BOT = 'U0BENCHBOT';
const PERSON = 'U0BENCHPERSON';
const OTHER_CHANNELS = { 'marketing-content': 'C0CONTENT', 'dept-approvals': 'C0APPROVALS', 'dept-escalations': 'C0ESCALATIONS', 'dept-decisions': 'C0DECISIONS', 'marketing-published': 'C0PUBLISHED' };

export interface StandupRunFigures extends StandupThreadFigures {
  n: number;
  rateLimit: number;
  seeded: SeededWork;
  attendees: number;
  /** The slash command's HTTP answer (Bolt's ack). */
  ackMs: number;
  /** Trigger → the opening's status line updated ("*Done:*"), as polled every 10 ms. */
  statusLineMs: number;
  postCalls: number;
  rateLimited: number;
}

/**
 * One standup, as a person starts it: a fresh database with an ordinary day's records, the
 * department (buildApp here, rehearsal model, Redis) against a fresh fake Slack that answers
 * `rateLimit` of chat.postMessage with 429 + Retry-After 1, and a signed `/dept standup`. Done when
 * the lead's closing is in the thread and the opening shows its status line.
 */
export async function standupRun(n: number, rateLimit: number, opts: { postgresUrl: string; redisUrl: string; timeoutMs: number; logLevel: string }): Promise<StandupRunFigures> {
  const database = await createTrialDatabase(opts.postgresUrl, 'bench_standup');
  // A channel id of the run's own: the Redis pacer's key is the channel id, and other departments or
  // test suites on the same Redis pacing a "C0STANDUP" of theirs would take turns with this one.
  const STANDUP_CHANNEL = `C0STANDUP${randomBytes(3).toString('hex').toUpperCase()}`;
  const slack = await startFakeSlackApi(BOT, { channels: { 'dept-standup': STANDUP_CHANNEL, ...OTHER_CHANNELS }, rateLimitFraction: rateLimit, retryAfterSeconds: 1, seed: n });
  let app: App | undefined;
  try {
    const config = loadConfig({
      MEETINGS_SCHEDULE: 'off', // only the standup the command asks for
      PORT: '0',
      DATABASE_URL: database.url,
      REDIS_URL: opts.redisUrl,
      REDIS_STREAM: `bench:${database.name}`,
      SLACK_BOT_TOKEN: 'xoxb-bench',
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: slack.url,
      SHUTDOWN_GRACE_SECONDS: '5',
    });
    app = await buildApp(config, { logger: pino({ level: opts.logLevel }, pino.destination(2)) });
    const seeded = await seedOrdinaryDay(app.store.db, app.department);
    const attendees = attendeesOf(app.department, app.department.file.meetings.standup?.attendees ?? 'all').map((a) => a.id);

    const body = new URLSearchParams({
      token: 'x', team_id: 'T0BENCH', team_domain: 'bench', channel_id: 'C0CONTENT', channel_name: 'marketing-content', user_id: PERSON, user_name: 'bench',
      command: '/dept', text: 'standup', api_app_id: 'A0BENCH', response_url: `${slack.url}commands/T0BENCH/${n}`, trigger_id: `${n}.1.cmd`,
    }).toString();
    const triggeredAt = Date.now();
    const res = await fetch(`http://127.0.0.1:${app.port()}/slack/events`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...slackSignatureHeaders(SECRET, body) }, body });
    const ackMs = Date.now() - triggeredAt;
    if (!res.ok) throw new Error(`the signed /dept standup was answered ${res.status}`);

    let statusLineMs: number | undefined;
    const deadline = triggeredAt + opts.timeoutMs;
    for (;;) {
      const root = slack.posts.find((p) => p.channel === STANDUP_CHANNEL && String(p.metadata?.event_payload.key ?? '').startsWith('meeting:'));
      if (statusLineMs === undefined && root?.text.includes('*Done:*')) statusLineMs = Date.now() - triggeredAt;
      const closed = root && slack.posts.some((p) => p.threadTs === root.ts && p.text.includes('*Summary*'));
      if (closed && statusLineMs !== undefined) break;
      if (Date.now() > deadline) {
        const thread = root ? slack.posts.filter((p) => p.ts === root.ts || p.threadTs === root.ts).length : 0;
        throw new Error(`run ${n}: the standup was not complete after ${opts.timeoutMs} ms (${thread} posts in its thread, closing ${closed ? 'posted' : 'missing'}, status line ${statusLineMs === undefined ? 'not updated' : 'updated'})`);
      }
      await sleep(10);
    }
    const postCalls = slack.stats.calls.get('chat.postMessage') ?? 0;
    return {
      n,
      rateLimit,
      seeded,
      attendees: attendees.length,
      ackMs,
      statusLineMs,
      postCalls,
      rateLimited: slack.stats.rateLimited,
      ...standupThreadFigures(slack.posts, STANDUP_CHANNEL, triggeredAt, attendees),
    };
  } finally {
    await app?.stop();
    await slack.close();
    await database.drop();
    const redis = new Redis(opts.redisUrl);
    await redis.del(`bench:${database.name}`).finally(() => redis.disconnect());
  }
}
