import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { Department } from '../../../department/schema.js';
import { homeView } from '../../blocks/home.js';

/** A person opened the app's Home tab: publish the department's home for them. */
export const appHomeOpened =
  (deps: { department: Department }) =>
  async ({ event, client }: SlackEventMiddlewareArgs<'app_home_opened'> & AllMiddlewareArgs) => {
    if (event.tab !== 'home') return;
    await client.views.publish({ user_id: event.user, view: homeView(deps.department) });
  };
