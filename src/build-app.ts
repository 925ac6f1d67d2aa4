import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { CLAIM_LEASE_MS } from './agents/claim-lease.js';
import { createAgentRuntime } from './agents/runtime.js';
import type { Bus } from './bus/bus.js';
import { InProcessBus } from './bus/in-process-bus.js';
import { RedisStreamBus, defaultConsumerName } from './bus/redis-stream-bus.js';
import { startSweeper, type Sweeper } from './bus/sweeper.js';
import { slackMode, type Config } from './config/config.js';
import { loadDepartment } from './department/load.js';
import { systemPromptFor } from './department/org-context.js';
import type { Department } from './department/schema.js';
import { errorLine } from './lib/error-line.js';
import { ConfigError } from './lib/errors.js';
import { createHealthCheck } from './lib/health-check.js';
import { createLogger } from './lib/logger.js';
import { connectionErrorListener } from './lib/rate-limited-log.js';
import { ClaudeModel } from './llm/claude-model.js';
import type { ChatModel } from './llm/model.js';
import { RehearsalModel } from './llm/rehearsal-model.js';
import type { Publisher } from './publishing/publisher.js';
import { processPlan } from './roles/process-role.js';
import { superviseWorkers, type WorkerLaunch, type Workers } from './roles/supervisor.js';
import { workerEnv, type SlackForWorkers } from './roles/worker-env.js';
import { connectWorkerSlack } from './roles/worker-slack.js';
import { startLocalSlack } from './slack/start-local-slack.js';
import { startSlack, type SlackConnection } from './slack/start-slack.js';
import { openDatabase, pingDatabase } from './store/database.js';
import { startWorkflows, type Workflows } from './workflows/start-workflows.js';
import { meetingRunner } from './meetings/meeting-runner.js';
import { startMeetings } from './meetings/start-meetings.js';
import { openKnowledge } from './knowledge/open-knowledge.js';
import { startQuietThreadSummaries } from './agents/quiet-threads.js';
import type { KnowledgeBase } from './knowledge/knowledge-base.js';
import { storeMeetingRecords } from './meetings/store-records.js';
import { channelPacerFor } from './slack/channel-pacer.js';
import { Store } from './store/store.js';

export interface App {
  department: Department;
  store: Store;
  bus: Bus;
  logger: Logger;
  /**
   * Where approved deliverables are published: the department's library (and the webhook when
   * PUBLISH_WEBHOOK_URL is set). Every process has one, the web process and a worker alike.
   */
  publisher: Publisher;
  /** The department's memory (its records are synced every KNOWLEDGE_SYNC_MS by the processes that run turns). */
  knowledge: KnowledgeBase;
  /** The HTTP port actually bound (PORT=0 picks a free one); 0 in a worker, which listens on none. */
  port(): number;
  /** The worker processes this process forked and supervises (ROLE=all with DATABASE_URL and REDIS_URL). */
  workers?: Workers;
  /** The local workspace's page when running without Slack credentials. */
  workspaceUrl?: string;
  /** Stops intake, lets in-flight turns finish within the grace period, hands the rest back. */
  stop(): Promise<void>;
}

export interface AppOverrides {
  logger?: Logger;
  /** Tests substitute a scripted model; production chooses Claude or the rehearsal model from the config. */
  model?: ChatModel;
  /**
   * How to fork this program as a worker: src/main.ts passes its own entry, node flags and
   * environment (made ROLE=worker here). Without it ROLE=all runs turns itself, as tests embed it.
   */
  workerLaunch?: WorkerLaunch;
  /** The department, when the caller has loaded it already (src/main.ts checks it before loading the rest). */
  department?: Department;
}

/** How often the processes that run turns read new decisions, publications, meetings … into the knowledge base. */
const KNOWLEDGE_SYNC_MS = 15_000;
/** How often the processes that run turns look for threads that went quiet (30 minutes without a message). */
const QUIET_SWEEP_MS = 5 * 60_000;

/** The composition root: every client is constructed here, from the validated config. */
export async function buildApp(config: Config, overrides: AppOverrides = {}): Promise<App> {
  const logger = overrides.logger ?? createLogger(config.LOG_LEVEL);
  const department = overrides.department ?? loadDepartment(config.DEPARTMENT_DIR, config.PROMPTS_DIR);
  // What start-up opened, closed again (newest first) if a later step fails.
  const opened: (() => Promise<unknown> | void)[] = [];
  try {
    return await assemble();
  } catch (err) {
    for (const close of opened.reverse()) await Promise.resolve(close()).catch(() => {});
    throw err;
  }

  async function assemble(): Promise<App> {
    const plan = processPlan(config, { canFork: Boolean(overrides.workerLaunch) });
    const redis = config.REDIS_URL ? new Redis(config.REDIS_URL, { maxRetriesPerRequest: 3 }) : null;
    if (redis) opened.push(() => redis.disconnect());
    // Checked first: it is quick, and an unreachable Redis is a start-up mistake, reported in one line.
    if (redis) await reachRedis(redis, config.REDIS_URL!);
    // Without a listener ioredis prints every reconnect failure as a raw stack; commands fail and are retried by their callers.
    redis?.on('error', connectionErrorListener(logger, 'redis', 'redis connection lost'));
    const database = await openDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR, logger });
    opened.push(() => database.close());
    const store = new Store(database.db);
    const bus: Bus = redis
      ? new RedisStreamBus({ redis, stream: config.REDIS_STREAM, consumer: defaultConsumerName(), logger })
      : new InProcessBus({ logger });
    opened.push(() => bus.close());
    // Only a process that runs turns needs a model; a web process beside workers has none.
    const model = plan.runsTurns ? (overrides.model ?? chooseModel(config, department, logger)) : undefined;
    const health = createHealthCheck({ database: () => pingDatabase(database.db), bus: () => bus.ping() }, logger);

    logger.info(
      {
        agents: department.agents.length,
        database: database.kind,
        bus: bus.kind,
        model: model?.label ?? (plan.forks > 0 ? `in ${plan.forks} worker processes` : 'none (web role)'),
        slack: plan.answersSlack ? slackMode(config) : 'posting only',
      },
      'department starting',
    );

    // Permalinks need the workspace's address, known once Slack is connected below.
    let poster: SlackConnection['poster'] | undefined;
    const knowledge = await openKnowledge({
      config, db: database.db, department, logger, embedded: database.kind !== 'postgres',
      permalink: (channelId, ts, threadTs) => (channelId && ts ? (poster?.permalink?.(channelId, ts, threadTs) ?? null) : null),
    });
    const meetings = startMeetings({ db: database.db, department, logger });
    opened.push(() => meetings.stop());

    let workflows: Workflows | undefined;
    // Intake: verify, record, publish (ROLE=web and ROLE=all).
    let slack: LocalOrSlack | undefined;
    if (plan.answersSlack) {
      const slackDeps = { config, department, store, bus, logger, health, meetings, knowledge, driveWorkflow: (runId: string) => workflows?.engine.drive(runId) ?? Promise.resolve() };
      const started: LocalOrSlack =
        slackMode(config) === 'local'
          ? await startLocalSlack({ ...slackDeps, db: database.db, rehearsal: model ? model.rehearsal : !config.ANTHROPIC_API_KEY })
          : await startSlack(slackDeps);
      slack = started;
      opened.push(async () => {
        await started.stop();
        await started.closeAfterTurns?.();
      });
    }

    // Slack for posting: the app's own connection, or a worker's.
    const slackPorts = slack ?? (model ? await connectWorkerSlack(config, department, logger, database.db) : undefined);
    poster = slackPorts?.poster;

    // Workflows move wherever something they wait for happens: a turn ends (workers), a card is clicked (web).
    const publisher = slackPorts?.publisher;
    workflows = slackPorts ? await startWorkflows({ database, store, bus, poster: slackPorts.poster, publisher: slackPorts.publisher, department, logger, sweep: Boolean(model) }) : undefined;
    if (workflows) opened.push(() => workflows?.stop());

    // Agent turns in this process (ROLE=worker, or ROLE=all on its own).
    let runtime: ReturnType<typeof createAgentRuntime> | undefined;
    let synced: { stop(): void } | undefined;
    let quiet: { stop(): void } | undefined;
    let sweeper: Sweeper | undefined;
    if (model && slackPorts) {
      const { poster, reader } = slackPorts;
      const engine = workflows?.engine;
      runtime = createAgentRuntime({
        department,
        store,
        bus,
        poster,
        reader,
        model,
        logger,
        systemPrompt: (id) => systemPromptFor(department, id),
        knowledge,
        ...(engine ? { afterTurn: (conversationId: string) => engine.wakeThread(conversationId) } : {}),
      });
      // Claude turns mostly wait on the network, so many run at once; rehearsal turns are pure CPU and
      // queue behind each other on the event loop, where fewer at once keeps Slack's acks fast.
      await bus.start(runtime.handleDelivery, config.WORKER_CONCURRENCY ?? (model.rehearsal ? 8 : 32));
      sweeper = startSweeper({
        bus,
        intervalMs: 3_000,
        logger,
        // Pending 30 s with nobody on it, or running on a worker whose lease ran out.
        findStale: (pendingOlderThanMs) => store.takeStaleDeliveries(pendingOlderThanMs, CLAIM_LEASE_MS),
      });
      // The in-process queue died with the last process: what it held is still pending in the database.
      if (bus.kind === 'in-process') void sweeper.sweepNow(0);
      const runner = meetingRunner({
        db: database.db,
        store,
        meetings: meetings.store,
        records: storeMeetingRecords(database.db, department),
        poster,
        // Shared through Redis (under the department's stream name), so its workers keep Slack's pace together.
        pacer: channelPacerFor(redis, { logger, prefix: `${config.REDIS_STREAM}:pace:` }),
        bus,
        department,
        model,
        systemPrompt: (id) => systemPromptFor(department, id),
        logger,
      });
      meetings.holdWith(runner.hold, { schedule: config.MEETINGS_SCHEDULE === 'on' });
      // What the department does becomes what it knows: the processes that run turns keep it in step.
      synced = knowledge.keepSynced(KNOWLEDGE_SYNC_MS);
      opened.push(() => synced?.stop());
      // A thread that went quiet is summarised once, and the summary joins the department's memory.
      quiet = startQuietThreadSummaries({ db: database.db, model, department, logger, everyMs: QUIET_SWEEP_MS });
      opened.push(() => quiet?.stop());
    }

    // Agent turns in worker processes beside this one (ROLE=all with DATABASE_URL and REDIS_URL).
    let workers: Workers | undefined;
    if (plan.forks > 0) {
      const launch = overrides.workerLaunch!;
      const supervised = await superviseWorkers({
        count: plan.forks,
        launch: { ...launch, env: workerEnv(launch.env, slack?.workspaceSlack) },
        logger,
        // Turns may wait; Slack's acks may not: when turns keep both cores busy, the web process still runs first.
        niceness: 10,
      });
      workers = supervised;
      opened.push(() => supervised.stop(workerStopMs(config)));
    }

    // A process answers Slack, runs turns, or both (processPlan), so one of the two gave it a publisher.
    if (!publisher) throw new Error('this process neither answers Slack nor runs turns: it has no publisher');
    return {
      department,
      store,
      bus,
      logger,
      publisher,
      knowledge,
      port: slack?.port ?? (() => 0),
      ...(workers ? { workers } : {}),
      ...(slack?.workspaceUrl ? { workspaceUrl: slack.workspaceUrl } : {}),
      async stop() {
        await slack?.stop();
        await workflows?.stop();
        await meetings.stop();
        synced?.stop();
        quiet?.stop();
        // Workers finish or hand back their turns; the local workspace they post through is still up.
        await workers?.stop(workerStopMs(config));
        sweeper?.stop();
        const unfinished = await bus.stop(config.SHUTDOWN_GRACE_SECONDS * 1000);
        runtime?.abandon(unfinished);
        await store.releaseDeliveries(unfinished);
        await slack?.closeAfterTurns?.();
        if (unfinished.length) logger.warn({ deliveries: unfinished.length }, 'handed unfinished agent turns back for another worker');
        await bus.close();
        redis?.disconnect();
        await database.close();
      },
    };
  }
}

type LocalOrSlack = SlackConnection & { workspaceUrl?: string; workspaceSlack?: SlackForWorkers };

/** A worker gets its grace period for running turns, and a little more to hand the rest back and close. */
function workerStopMs(config: Config): number {
  return config.SHUTDOWN_GRACE_SECONDS * 1000 + 10_000;
}

/** Start-up stops with one line naming REDIS_URL when Redis does not answer (later outages are retried, not fatal). */
async function reachRedis(redis: Redis, url: string): Promise<void> {
  let lastError: unknown;
  const remember = (err: unknown) => (lastError = err);
  redis.on('error', remember);
  try {
    await redis.ping();
  } catch (err) {
    const host = URL.canParse(url) ? new URL(url).host : 'REDIS_URL';
    throw new ConfigError(`REDIS_URL: Redis did not answer at ${host} (${errorLine(lastError ?? err)}). Check that it is running and that the URL is right.`);
  } finally {
    redis.off('error', remember);
  }
}

function chooseModel(config: Config, department: Department, logger: Logger): ChatModel {
  if (config.ANTHROPIC_API_KEY) return new ClaudeModel({ apiKey: config.ANTHROPIC_API_KEY, baseURL: config.ANTHROPIC_BASE_URL });
  logger.warn(
    'ANTHROPIC_API_KEY is not set: agents answer with the offline REHEARSAL model (deterministic, not Claude). Every message it writes is labelled. Set ANTHROPIC_API_KEY to use Claude.',
  );
  return new RehearsalModel(department);
}
