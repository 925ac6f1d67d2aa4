import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { Logger } from 'pino';
import { errorLine } from '../../../lib/error-line.js';
import { publishHome, type HomeDeps } from '../../publish-home.js';

/**
 * A person opened the app's Home tab: publish their home (what waits for them, the open tasks, the
 * directory). Not waited for: the event's ack waits for its listeners, and there is nothing here to
 * record (the next opening publishes again).
 */
export const appHomeOpened =
  (deps: HomeDeps & { logger: Logger }) =>
  async ({ event, client }: SlackEventMiddlewareArgs<'app_home_opened'> & AllMiddlewareArgs) => {
    if (event.tab !== 'home') return;
    publishHome(client, deps, event.user).catch((err: unknown) => {
      deps.logger.warn({ component: 'slack-app', user: event.user, error: errorLine(err) }, 'could not publish the App Home');
    });
  };
