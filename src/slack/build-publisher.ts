import type { Logger } from 'pino';
import type { Config } from '../config/config.js';
import type { Department } from '../department/schema.js';
import { createLibraryPublisher } from '../publishing/library-publisher.js';
import type { Publisher } from '../publishing/publisher.js';
import { createWebhookOutlet } from '../publishing/webhook-outlet.js';
import type { Db } from '../store/database.js';
import { PublicationStore } from '../store/publication-store.js';
import type { SlackGateway } from './gateway.js';
import { createPublicationAnnouncer } from './publication-announcer.js';

/** The publisher approved work goes through: the department's library, announced through the gateway, and the webhook when configured. */
export function buildPublisher(deps: {
  config: Pick<Config, 'PUBLISH_WEBHOOK_URL' | 'PUBLISH_WEBHOOK_SECRET'>;
  db: Db;
  gateway: Pick<SlackGateway, 'announce' | 'findAnnouncement'>;
  department: Department;
  logger: Logger;
}): Publisher {
  const { config, logger } = deps;
  const webhook =
    config.PUBLISH_WEBHOOK_URL && config.PUBLISH_WEBHOOK_SECRET
      ? createWebhookOutlet({ url: config.PUBLISH_WEBHOOK_URL, secret: config.PUBLISH_WEBHOOK_SECRET, logger })
      : undefined;
  return createLibraryPublisher({ library: new PublicationStore(deps.db), announcer: createPublicationAnnouncer(deps.gateway, deps.department), webhook, logger });
}
