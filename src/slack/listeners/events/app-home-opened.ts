import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { Logger } from 'pino';
import type { Department } from '../../../department/schema.js';
import { homeView } from '../../blocks/home.js';
import { errorLine } from '../../../lib/error-line.js';

/**
 * A person opened the app's Home tab: publish the department's home for them. Not waited for:
 * the event's ack waits for its listeners, and there is nothing here to record (the next opening
 * publishes again).
 */
export const appHomeOpened =
  (deps: { department: Department; logger: Logger }) =>
  async ({ event, client }: SlackEventMiddlewareArgs<'app_home_opened'> & AllMiddlewareArgs) => {
    if (event.tab !== 'home') return;
    client.views.publish({ user_id: event.user, view: homeView(deps.department) }).catch((err: unknown) => {
      deps.logger.warn({ component: 'slack-app', user: event.user, error: errorLine(err) }, 'could not publish the App Home');
    });
  };
