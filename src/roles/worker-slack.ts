import type { Logger } from 'pino';
import type { ThreadPoster, ThreadReader } from '../agents/ports.js';
import type { Config } from '../config/config.js';
import type { Department } from '../department/schema.js';
import { Approvers } from '../department/approvers.js';
import { ApprovalDesk } from '../slack/approval-desk.js';
import { buildGateway } from '../slack/build-gateway.js';
import type { Db } from '../store/database.js';
import { WorkStore } from '../store/work-store.js';
import { resolveIdentities } from '../slack/identities.js';
import { createPeopleDirectory } from '../slack/people-directory.js';
import { SlackThreadReader } from '../slack/thread-reader.js';

/**
 * A worker's way into Slack: the gateway agents post through and the thread reader, with identities
 * checked by auth.test like the web process's. It opens no endpoint; events reach workers only via the bus.
 */
export async function connectWorkerSlack(config: Config, department: Department, logger: Logger, db: Db): Promise<{ poster: ThreadPoster; reader: ThreadReader }> {
  const identities = await resolveIdentities(config, department, logger);
  const work = new WorkStore(db);
  const desk = new ApprovalDesk({ work, approvers: new Approvers(department.file.approvers, config.APPROVERS), department });
  return {
    poster: buildGateway({ identities, department, logger, work, desk }),
    reader: new SlackThreadReader({ identities, department, logger, people: createPeopleDirectory(identities.main.client, logger) }),
  };
}
