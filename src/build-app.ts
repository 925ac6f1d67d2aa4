import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { CLAIM_LEASE_MS } from './agents/claim-lease.js';
import { createAgentRuntime } from './agents/runtime.js';
import type { Bus } from './bus/bus.js';
import { InProcessBus } from './bus/in-process-bus.js';
import { RedisStreamBus, defaultConsumerName } from './bus/redis-stream-bus.js';
import { startSweeper } from './bus/sweeper.js';
import { slackMode, type Config } from './config/config.js';
import { loadDepartment } from './department/load.js';
import { systemPromptFor } from './department/org-context.js';
import type { Department } from './department/schema.js';
import { createLogger } from './lib/logger.js';
import { ClaudeModel } from './llm/claude-model.js';
import type { ChatModel } from './llm/model.js';
import { RehearsalModel } from './llm/rehearsal-model.js';
import { startLocalSlack } from './slack/start-local-slack.js';
import { startSlack, type SlackConnection } from './slack/start-slack.js';
import { openDatabase, pingDatabase } from './store/database.js';
import { Store } from './store/store.js';

export interface App {
  department: Department;
  store: Store;
  bus: Bus;
  logger: Logger;
  /** The HTTP port actually bound (PORT=0 picks a free one). */
  port(): number;
  /** The local workspace's page when running without Slack credentials. */
  workspaceUrl?: string;
  /** Stops intake, lets in-flight turns finish within the grace period, hands the rest back. */
  stop(): Promise<void>;
}

export interface AppOverrides {
  logger?: Logger;
  /** Tests substitute a scripted model; production chooses Claude or the rehearsal model from the config. */
  model?: ChatModel;
}

/** The composition root: every client is constructed here, from the validated config. */
export async function buildApp(config: Config, overrides: AppOverrides = {}): Promise<App> {
  const logger = overrides.logger ?? createLogger(config.LOG_LEVEL);
  const department = loadDepartment(config.DEPARTMENT_DIR, config.PROMPTS_DIR);
  // What start-up opened, closed again (newest first) if a later step fails.
  const opened: (() => Promise<unknown> | void)[] = [];
  try {
    return await assemble();
  } catch (err) {
    for (const close of opened.reverse()) await Promise.resolve(close()).catch(() => {});
    throw err;
  }

  async function assemble(): Promise<App> {
    const database = await openDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR });
    opened.push(() => database.close());
    const store = new Store(database.db);
    const redis = config.REDIS_URL ? new Redis(config.REDIS_URL, { maxRetriesPerRequest: 3 }) : null;
    if (redis) opened.push(() => redis.disconnect());
    const bus: Bus = redis
      ? new RedisStreamBus({ redis, stream: config.REDIS_STREAM, consumer: defaultConsumerName(), logger })
      : new InProcessBus({ logger });
    opened.push(() => bus.close());
    const model = overrides.model ?? chooseModel(config, department, logger);
    const health = async () => (await pingDatabase(database.db)) && (await bus.ping());

    logger.info(
      {
        agents: department.agents.length,
        database: database.kind,
        bus: bus.kind,
        model: model.label,
        slack: slackMode(config),
      },
      'department starting',
    );

    const slackDeps = { config, department, store, bus, logger, health };
    const slack: SlackConnection & { workspaceUrl?: string } =
      slackMode(config) === 'local' ? await startLocalSlack({ ...slackDeps, db: database.db }) : await startSlack(slackDeps);
    opened.push(async () => {
      await slack.stop();
      await slack.closeAfterTurns?.();
    });

    const runtime = createAgentRuntime({
      department,
      store,
      bus,
      poster: slack.poster,
      model,
      logger,
      systemPrompt: (id) => systemPromptFor(department, id),
    });
    // Claude turns mostly wait on the network, so many run at once; rehearsal turns are pure CPU and
    // queue behind each other on the event loop, where fewer at once keeps Slack's acks fast.
    await bus.start(runtime.handleDelivery, config.WORKER_CONCURRENCY ?? (model.rehearsal ? 8 : 32));
    const sweeper = startSweeper({
      bus,
      intervalMs: 3_000,
      logger,
      // Pending 30 s with nobody on it, or running on a worker whose lease ran out.
      findStale: (pendingOlderThanMs) => store.takeStaleDeliveries(pendingOlderThanMs, CLAIM_LEASE_MS),
    });
    // The in-process queue died with the last process: what it held is still pending in the database.
    if (bus.kind === 'in-process') void sweeper.sweepNow(0);

    return {
      department,
      store,
      bus,
      logger,
      port: slack.port,
      ...(slack.workspaceUrl ? { workspaceUrl: slack.workspaceUrl } : {}),
      async stop() {
        await slack.stop();
        sweeper.stop();
        const unfinished = await bus.stop(config.SHUTDOWN_GRACE_SECONDS * 1000);
        runtime.abandon(unfinished);
        await store.releaseDeliveries(unfinished);
        await slack.closeAfterTurns?.();
        if (unfinished.length) logger.warn({ deliveries: unfinished.length }, 'handed unfinished agent turns back for another worker');
        await bus.close();
        redis?.disconnect();
        await database.close();
      },
    };
  }
}

function chooseModel(config: Config, department: Department, logger: Logger): ChatModel {
  if (config.ANTHROPIC_API_KEY) return new ClaudeModel({ apiKey: config.ANTHROPIC_API_KEY, baseURL: config.ANTHROPIC_BASE_URL });
  logger.warn(
    'ANTHROPIC_API_KEY is not set: agents answer with the offline REHEARSAL model (deterministic, not Claude). Every message it writes is labelled. Set ANTHROPIC_API_KEY to use Claude.',
  );
  return new RehearsalModel(department);
}
