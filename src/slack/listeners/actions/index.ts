import type { App, BlockButtonAction } from '@slack/bolt';
import type { Department } from '../../../department/schema.js';
import { ActionIds } from '../../action-ids.js';
import { decideAction, readFullAction, requestChangesAction, type ApprovalListenerDeps } from './approval.js';
import { askAgentAction } from './ask-agent.js';
import { answerEscalationAction, escalationModalAction } from './escalation.js';

export function registerActions(app: App, deps: { department: Department } & ApprovalListenerDeps): void {
  app.action<BlockButtonAction>(ActionIds.askAgent, askAgentAction(deps));
  app.action<BlockButtonAction>(ActionIds.approve, decideAction(deps, 'approved'));
  app.action<BlockButtonAction>(ActionIds.reject, decideAction(deps, 'rejected'));
  app.action<BlockButtonAction>(ActionIds.requestChanges, requestChangesAction(deps));
  app.action<BlockButtonAction>(ActionIds.readFull, readFullAction(deps));
  app.action<BlockButtonAction>(ActionIds.escalationApprove, answerEscalationAction(deps, 'approved'));
  app.action<BlockButtonAction>(ActionIds.escalationReject, answerEscalationAction(deps, 'rejected'));
  app.action<BlockButtonAction>(ActionIds.escalationRequestChanges, escalationModalAction(deps, 'changes'));
  app.action<BlockButtonAction>(ActionIds.escalationInstruct, escalationModalAction(deps, 'instructions'));
}
