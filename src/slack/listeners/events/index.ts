import type { App } from '@slack/bolt';
import type { Ingest } from '../../ingest.js';
import { appMention } from './app-mention.js';
import { message } from './message.js';

/** Events API routing table: one small callback per event. Bolt has already acked when they run. */
export function registerEvents(app: App, deps: { ingest: Ingest }): void {
  app.event('app_mention', appMention(deps.ingest));
  app.event('message', message(deps.ingest));
}
