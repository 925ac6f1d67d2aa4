import type { App } from '@slack/bolt';
import type { Logger } from 'pino';
import type { Ingest } from '../../ingest.js';
import type { HomeDeps } from '../../publish-home.js';
import { appHomeOpened } from './app-home-opened.js';
import { appMention } from './app-mention.js';
import { message } from './message.js';

/**
 * Events API routing table: one small callback per event. Slack gets its 200 when they are done,
 * so they record what must not be lost and leave slow Slack calls running behind them.
 */
export function registerEvents(app: App, deps: HomeDeps & { ingest: Ingest; logger: Logger }): void {
  app.event('app_mention', appMention(deps.ingest));
  app.event('message', message(deps.ingest));
  app.event('app_home_opened', appHomeOpened(deps));
}
