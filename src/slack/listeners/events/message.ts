import type { Ingest } from '../../ingest.js';
import { metaOf, type EventArgs } from './event-args.js';

/** Every message in channels, private channels, DMs and group DMs the app is in; ingest decides who it is for. */
export const message = (ingest: Ingest) => async (args: EventArgs) => {
  await ingest.handleMessageEvent(args.event, metaOf('message', args));
};
