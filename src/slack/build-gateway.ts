import type { Logger } from 'pino';
import type { Department } from '../department/schema.js';
import type { WorkStore } from '../store/work-store.js';
import type { ApprovalDesk } from './approval-desk.js';
import { createCardRenderer } from './card-renderer.js';
import { createChannelDirectory, type ChannelDirectory } from './channel-directory.js';
import { createChannelIds } from './channel-ids.js';
import { SlackGateway } from './gateway.js';
import type { Identities } from './identities.js';

/** The gateway agents post through, with what it needs to name channels and draw cards (web and worker processes alike). */
export function buildGateway(deps: { identities: Identities; department: Department; logger: Logger; work: WorkStore; desk: ApprovalDesk; channels?: ChannelDirectory }): SlackGateway {
  const { identities, department, logger } = deps;
  return new SlackGateway({
    identities,
    department,
    logger,
    channels: deps.channels ?? createChannelDirectory(identities.main.client, logger),
    channelIds: createChannelIds(identities.main.client, logger),
    cards: createCardRenderer({ desk: deps.desk, work: deps.work, department }),
  });
}
