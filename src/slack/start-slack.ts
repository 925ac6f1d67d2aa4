import type { App } from '@slack/bolt';
import type { Logger } from 'pino';
import type { ThreadPoster, ThreadReader } from '../agents/ports.js';
import type { Bus } from '../bus/bus.js';
import type { Config } from '../config/config.js';
import type { Department } from '../department/schema.js';
import type { Publisher } from '../publishing/publisher.js';
import { PublicationStore } from '../store/publication-store.js';
import type { Store } from '../store/store.js';
import { Approvers } from '../department/approvers.js';
import { WorkStore } from '../store/work-store.js';
import { ApprovalDesk } from './approval-desk.js';
import { createSlackApp } from './app.js';
import type { Meetings } from '../meetings/start-meetings.js';
import type { KnowledgeBase } from '../knowledge/knowledge-base.js';
import { createChannelDirectory } from './channel-directory.js';
import { buildGateway } from './build-gateway.js';
import { buildPublisher } from './build-publisher.js';
import { createDecisionFollowUp } from './decision-follow-up.js';
import { resolveIdentities, type Identities } from './identities.js';
import { createIngest } from './ingest.js';
import { createPeopleDirectory } from './people-directory.js';
import { createAgentThreads } from './start-agent-thread.js';
import { SlackThreadReader } from './thread-reader.js';

export interface StartSlackDeps {
  config: Config;
  department: Department;
  store: Store;
  bus: Bus;
  logger: Logger;
  /** True when the database and bus answer (GET /healthz). */
  health: () => Promise<boolean>;
  /** Resumes a workflow run a person's decision was for. */
  driveWorkflow?: (runId: string) => Promise<void>;
  /** The department's meetings, for /dept standup and friends. */
  meetings?: Meetings;
  /** The department's memory, for /dept search, remember, forget and the Home tab. */
  knowledge?: KnowledgeBase;
}

export interface SlackConnection {
  /** Posts agent messages and notices into Slack threads. */
  poster: ThreadPoster;
  /** Reads threads the department joined late, and people's names. */
  reader: ThreadReader;
  /** Where approved deliverables are published (the workflow engine's way out). */
  publisher: Publisher;
  port(): number;
  /** Stops taking events (in-flight ingest finishes on its own). */
  stop(): Promise<void>;
  /** After running agent turns are done: close what posting still needed (the local workspace). */
  closeAfterTurns?(): Promise<void>;
  app: App;
  identities: Identities;
}

/**
 * Connects the department to Slack: checks every token (auth.test), then listens for events and
 * returns the gateway agents post through. A rejected token throws a ConfigError before anything listens.
 */
export async function startSlack(deps: StartSlackDeps): Promise<SlackConnection> {
  const { config, department, logger } = deps;
  const identities = await resolveIdentities(config, department, logger);
  const channels = createChannelDirectory(identities.main.client, logger);
  const ingest = createIngest({ store: deps.store, bus: deps.bus, department, identities, channels, logger });
  const threads = createAgentThreads({ store: deps.store, bus: deps.bus, department, identities, logger });
  const work = new WorkStore(deps.store.db);
  const desk = new ApprovalDesk({ work, approvers: new Approvers(department.file.approvers, config.APPROVERS), department });
  const gateway = buildGateway({ identities, department, logger, work, desk, channels });
  const followUps = createDecisionFollowUp({ gateway, work, store: deps.store, bus: deps.bus, department, logger, ...(deps.driveWorkflow ? { driveWorkflow: deps.driveWorkflow } : {}) });
  const publications = new PublicationStore(deps.store.db);
  const slack = createSlackApp({ config, identities, ingest, department, threads, desk, work, publications, followUps, logger, health: deps.health, meetings: deps.meetings, permalink: (channelId, ts) => gateway.permalink(channelId, ts), knowledge: deps.knowledge });
  await slack.start();
  return {
    poster: gateway,
    publisher: buildPublisher({ config, db: deps.store.db, gateway, department, logger }),
    reader: new SlackThreadReader({ identities, department, logger, people: createPeopleDirectory(identities.main.client, logger) }),
    port: slack.port,
    stop: slack.stop,
    app: slack.app,
    identities,
  };
}
