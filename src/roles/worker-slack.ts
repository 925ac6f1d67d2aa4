import type { Logger } from 'pino';
import type { ThreadPoster, ThreadReader } from '../agents/ports.js';
import type { Config } from '../config/config.js';
import type { Department } from '../department/schema.js';
import { createChannelDirectory } from '../slack/channel-directory.js';
import { SlackGateway } from '../slack/gateway.js';
import { resolveIdentities } from '../slack/identities.js';
import { createPeopleDirectory } from '../slack/people-directory.js';
import { SlackThreadReader } from '../slack/thread-reader.js';

/**
 * A worker's way into Slack: the gateway agents post through and the thread reader, with identities
 * checked by auth.test like the web process's. It opens no endpoint; events reach workers only via the bus.
 */
export async function connectWorkerSlack(config: Config, department: Department, logger: Logger): Promise<{ poster: ThreadPoster; reader: ThreadReader }> {
  const identities = await resolveIdentities(config, department, logger);
  const channels = createChannelDirectory(identities.main.client, logger);
  return {
    poster: new SlackGateway({ identities, department, logger, channels }),
    reader: new SlackThreadReader({ identities, department, logger, people: createPeopleDirectory(identities.main.client, logger) }),
  };
}
