import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { startFakeSlackApi, type FakeSlackApi } from '../bench/fake-slack-api.js';
import { Cluster } from './cluster.js';
import { CHAOS_BOT_USER, CONTENT_CHANNEL } from './mention-event.js';
import type { ChaosOptions } from './options.js';
import { createTrialDatabase, type TrialDatabase } from './postgres.js';
import { startDedicatedRedis, type DedicatedRedis } from './redis-server.js';

export const SIGNING_SECRET = 'chaos-signing-secret';
/** #dept-approvals in the fake Slack: the second approval card of each workflow goes there. */
export const APPROVALS_CHANNEL = 'C0CHAOSAPPROVALS';

/** Everything one trial runs against; `close` undoes what was opened, newest first. */
export interface TrialWorld {
  database: TrialDatabase;
  slack: FakeSlackApi;
  redis: DedicatedRedis | undefined;
  cluster: Cluster;
  close(): Promise<void>;
}

export interface WorldSpec {
  tag: string;
  workers: number;
  dedicatedRedis?: boolean | undefined;
  rateLimitFraction?: number | undefined;
}

/**
 * A fresh database, a fake Slack, a Redis stream of the trial's own (or a Redis server of its own)
 * and the department's processes pointed at them, with the offline model and roomy budgets.
 */
export async function openTrialWorld(spec: WorldSpec, options: ChaosOptions, departmentDir: string): Promise<TrialWorld> {
  const opened: (() => Promise<unknown>)[] = [];
  const close = async () => {
    for (const undo of opened.reverse()) await undo().catch((err: unknown) => console.error(`cleanup of trial ${spec.tag} failed:`, err));
  };
  try {
    const database = await createTrialDatabase(options.postgresUrl, spec.tag);
    opened.push(() => database.drop());
    const slack = await startFakeSlackApi(CHAOS_BOT_USER, {
      rateLimitFraction: spec.rateLimitFraction ?? 0,
      retryAfterSeconds: options.retryAfterSeconds,
      latencyMs: options.slackLatencyMs,
      seed: randomBytes(4).readUInt32BE(),
      // The department finds its channels by name: the Content Manager's home, and where cards and publications go.
      channels: { 'marketing-content': CONTENT_CHANNEL, 'dept-approvals': APPROVALS_CHANNEL, 'dept-escalations': 'C0CHAOSESC', 'dept-decisions': 'C0CHAOSDEC', 'marketing-published': 'C0CHAOSPUB' },
    });
    opened.push(() => slack.close());
    const redis = spec.dedicatedRedis ? await startDedicatedRedis() : undefined;
    const redisUrl = redis?.url ?? options.redisUrl;
    const stream = `chaos:${spec.tag}`;
    opened.push(() => (redis ? redis.stop() : deleteKey(redisUrl, stream)));
    const cluster = await Cluster.start({
      trial: spec.tag,
      layout: options.layout,
      workers: spec.workers,
      redisUrl,
      stream,
      logDir: options.logDir,
      restartDelayMs: options.restartDelayMs,
      env: {
        LOG_LEVEL: 'info',
        DATABASE_URL: database.url,
        REDIS_URL: redisUrl,
        REDIS_STREAM: stream,
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_APP_TOKEN: '',
        SLACK_AGENT_TOKENS: '',
        SLACK_API_URL: slack.url,
        ANTHROPIC_API_KEY: '',
        DEPARTMENT_DIR: departmentDir,
        SHUTDOWN_GRACE_SECONDS: '2',
        // A trial counts the answers to its burst: no standup on the schedule or as a catch-up.
        MEETINGS_SCHEDULE: 'off',
        ...(options.workerConcurrency ? { WORKER_CONCURRENCY: String(options.workerConcurrency) } : {}),
      },
    });
    opened.push(() => cluster.stop());
    return { database, slack, redis, cluster, close };
  } catch (err) {
    await close();
    throw err;
  }
}

async function deleteKey(url: string, key: string): Promise<void> {
  const redis = new Redis(url, { maxRetriesPerRequest: 1 });
  try {
    await redis.del(key);
  } finally {
    redis.disconnect();
  }
}
