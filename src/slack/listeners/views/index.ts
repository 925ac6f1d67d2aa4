import type { App } from '@slack/bolt';
import { CallbackIds } from '../../action-ids.js';
import type { AgentThreads } from '../../start-agent-thread.js';
import { askSubmit } from './ask-submit.js';

export function registerViews(app: App, deps: { threads: AgentThreads }): void {
  app.view(CallbackIds.askModal, askSubmit(deps));
}
