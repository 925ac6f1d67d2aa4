import type { App, BlockButtonAction } from '@slack/bolt';
import type { Department } from '../../../department/schema.js';
import { ActionIds } from '../../action-ids.js';
import { askAgentAction } from './ask-agent.js';

export function registerActions(app: App, deps: { department: Department }): void {
  app.action<BlockButtonAction>(ActionIds.askAgent, askAgentAction(deps));
}
