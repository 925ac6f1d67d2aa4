import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { whyNotDecided } from '../../approval-replies.js';
import { changesModal } from '../../blocks/approval-card.js';
import { escalationTitle, instructionsModal } from '../../blocks/escalation-card.js';
import { escalationCard } from '../../card-renderer.js';
import type { Department } from '../../../department/schema.js';
import { modalMetadata } from '../views/changes-submit.js';
import type { ApprovalListenerDeps } from './approval.js';

type ButtonArgs = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;
type Deps = ApprovalListenerDeps & { department: Department };

/** Approve (the recommendation) and Reject on an escalation card: an approver's click answers it, once. */
export const answerEscalationAction =
  (deps: Deps, state: 'approved' | 'rejected') =>
  async ({ ack, body, action, respond }: ButtonArgs) => {
    await ack();
    const escalationId = action.value ?? '';
    const result = await deps.desk.answerEscalation({ escalationId, state, by: body.user.id });
    if (result.ok) {
      deps.logger.info({ escalation: escalationId, state, by: body.user.id }, 'escalation answered');
      await deps.followUps.after('escalation', escalationId, result.followUp);
      return;
    }
    await respond?.({ response_type: 'ephemeral', replace_original: false, text: whyNotDecided(result, deps.desk) });
    if (result.reason === 'already_decided') await deps.followUps.refresh('escalation', escalationId);
  };

/** Request changes and Give instructions: an approver gets the modal for the text; anyone else is told who can. */
export const escalationModalAction =
  (deps: Deps, modal: 'changes' | 'instructions') =>
  async ({ ack, body, action, client, respond }: ButtonArgs) => {
    await ack();
    const escalationId = action.value ?? '';
    const open = await deps.desk.openEscalation(escalationId, body.user.id);
    if (!open.ok) {
      await respond?.({ response_type: 'ephemeral', replace_original: false, text: whyNotDecided(open, deps.desk) });
      return;
    }
    const title = escalationTitle(escalationCard(open.record, deps.department));
    const metadata = modalMetadata({ kind: 'escalation', id: escalationId });
    await client.views.open({ trigger_id: body.trigger_id, view: modal === 'changes' ? changesModal(title, metadata) : instructionsModal(title, metadata) });
  };
