import type { App } from '@slack/bolt';
import type { Logger } from 'pino';
import { CallbackIds } from '../../action-ids.js';
import type { HomeDeps } from '../../publish-home.js';
import type { AgentThreads } from '../../start-agent-thread.js';
import { askSubmit } from './ask-submit.js';
import { changesSubmit, instructionsSubmit } from './changes-submit.js';
import type { DecisionFollowUps } from '../../decision-follow-up.js';

export function registerViews(app: App, deps: HomeDeps & { threads: AgentThreads; followUps: DecisionFollowUps; logger: Logger }): void {
  app.view(CallbackIds.askModal, askSubmit(deps));
  app.view(CallbackIds.changesModal, changesSubmit(deps));
  app.view(CallbackIds.instructionsModal, instructionsSubmit(deps));
}
