import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { Logger } from 'pino';
import type { ApprovalDesk } from '../../approval-desk.js';
import { changesModal, fullTextModal } from '../../blocks/approval-card.js';
import { updateDecidedCard, whyNotDecided } from '../../approval-replies.js';

type ButtonArgs = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;
export interface ApprovalListenerDeps {
  desk: ApprovalDesk;
  logger: Logger;
}

/** A card's message, for chat.update: the one clicked. */
const cardMessage = (body: BlockButtonAction) =>
  body.container?.type === 'message' ? { channel: body.container.channel_id as string, ts: body.container.message_ts as string } : null;

/** Approve and Reject: an approver's click decides, once; anyone else is told who can, privately. */
export const decideAction =
  (deps: ApprovalListenerDeps, state: 'approved' | 'rejected') =>
  async ({ ack, body, action, client, respond }: ButtonArgs) => {
    await ack();
    const requestId = action.value ?? '';
    const result = await deps.desk.decide({ requestId, state, by: body.user.id });
    const where = cardMessage(body);
    if (result.ok) {
      deps.logger.info({ request: requestId, state, by: body.user.id }, 'approval request decided');
      if (where) await updateDecidedCard(client, deps.desk, where, result.record);
      return;
    }
    await respond?.({ response_type: 'ephemeral', replace_original: false, text: whyNotDecided(result, deps.desk) });
    // A card still showing buttons for a decided request catches up.
    if (result.reason === 'already_decided' && where) await updateDecidedCard(client, deps.desk, where, result.record);
  };

/** Request changes: an approver gets the modal for what should change; anyone else is told who can. */
export const requestChangesAction =
  (deps: ApprovalListenerDeps) =>
  async ({ ack, body, action, client, respond }: ButtonArgs) => {
    await ack();
    const requestId = action.value ?? '';
    const open = await deps.desk.undecided(requestId, body.user.id);
    if (!open.ok) {
      await respond?.({ response_type: 'ephemeral', replace_original: false, text: whyNotDecided(open, deps.desk) });
      return;
    }
    const where = cardMessage(body);
    const metadata = JSON.stringify({ requestId, ...(where ? { card: where } : {}) });
    await client.views.open({ trigger_id: body.trigger_id, view: changesModal(open.card.title, metadata) });
  };

/** Read full text: the whole draft in a modal, for anyone in the channel. */
export const readFullAction =
  (deps: ApprovalListenerDeps) =>
  async ({ ack, body, action, client, respond }: ButtonArgs) => {
    await ack();
    const found = await deps.desk.card(action.value ?? '');
    if (!found) {
      await respond?.({ response_type: 'ephemeral', replace_original: false, text: whyNotDecided({ ok: false, reason: 'not_found' }, deps.desk) });
      return;
    }
    await client.views.open({ trigger_id: body.trigger_id, view: fullTextModal(found.card.title, found.card.content) });
  };
