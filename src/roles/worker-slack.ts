import type { Logger } from 'pino';
import type { ThreadPoster } from '../agents/ports.js';
import type { Config } from '../config/config.js';
import type { Department } from '../department/schema.js';
import { createChannelDirectory } from '../slack/channel-directory.js';
import { SlackGateway } from '../slack/gateway.js';
import { resolveIdentities } from '../slack/identities.js';

/**
 * A worker's way into Slack: the gateway agents post through, with identities checked by
 * auth.test like the web process's. It opens no endpoint; events reach workers only via the bus.
 */
export async function connectWorkerSlack(config: Config, department: Department, logger: Logger): Promise<ThreadPoster> {
  const identities = await resolveIdentities(config, department, logger);
  const channels = createChannelDirectory(identities.main.client, logger);
  return new SlackGateway({ identities, department, logger, channels });
}
