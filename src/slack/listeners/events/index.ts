import type { App } from '@slack/bolt';
import type { Department } from '../../../department/schema.js';
import type { Ingest } from '../../ingest.js';
import { appHomeOpened } from './app-home-opened.js';
import { appMention } from './app-mention.js';
import { message } from './message.js';

/** Events API routing table: one small callback per event. Bolt has already acked when they run. */
export function registerEvents(app: App, deps: { ingest: Ingest; department: Department }): void {
  app.event('app_mention', appMention(deps.ingest));
  app.event('message', message(deps.ingest));
  app.event('app_home_opened', appHomeOpened(deps));
}
