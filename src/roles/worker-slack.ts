import type { Logger } from 'pino';
import type { ThreadPoster, ThreadReader } from '../agents/ports.js';
import type { Config } from '../config/config.js';
import type { Department } from '../department/schema.js';
import type { Publisher } from '../publishing/publisher.js';
import { Approvers } from '../department/approvers.js';
import { ApprovalDesk } from '../slack/approval-desk.js';
import { buildGateway } from '../slack/build-gateway.js';
import { buildPublisher } from '../slack/build-publisher.js';
import type { Db } from '../store/database.js';
import { WorkStore } from '../store/work-store.js';
import { resolveIdentities } from '../slack/identities.js';
import { createPeopleDirectory } from '../slack/people-directory.js';
import { SlackThreadReader } from '../slack/thread-reader.js';

/**
 * A worker's way into Slack: the gateway agents post through, the thread reader and the publisher,
 * with identities checked by auth.test like the web process's. It opens no endpoint; events reach
 * workers only via the bus.
 */
export async function connectWorkerSlack(
  config: Config,
  department: Department,
  logger: Logger,
  db: Db,
): Promise<{ poster: ThreadPoster; reader: ThreadReader; publisher: Publisher }> {
  const identities = await resolveIdentities(config, department, logger);
  const work = new WorkStore(db);
  const desk = new ApprovalDesk({ work, approvers: new Approvers(department.file.approvers, config.APPROVERS), department });
  const gateway = buildGateway({ identities, department, logger, work, desk });
  return {
    poster: gateway,
    publisher: buildPublisher({ config, db, gateway, department, logger }),
    reader: new SlackThreadReader({ identities, department, logger, people: createPeopleDirectory(identities.main.client, logger) }),
  };
}
