import type { Ingest } from '../../ingest.js';
import { metaOf, type EventArgs } from './event-args.js';

/**
 * Someone @mentioned the app. Slack also sends a `message` event for the same post; the store keeps
 * one. Ingest rejects when it could not record the event: the rejection leaves it unacknowledged.
 */
export const appMention = (ingest: Ingest) => async (args: EventArgs) => {
  await ingest.handleMessageEvent(args.event, metaOf('app_mention', args));
};
