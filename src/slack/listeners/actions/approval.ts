import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { Logger } from 'pino';
import { changesModal, fullTextModal } from '../../blocks/approval-card.js';
import { updateDecidedCard, whyNotDecided } from '../../approval-replies.js';
import type { HomeDeps } from '../../publish-home.js';
import { clickedInPrivateList, clickedOnHome, decidedNotice, refreshApprovalList } from '../../refresh-approval-list.js';

type ButtonArgs = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;
/** The desk decides; the rest re-publishes a Home tab a card was clicked on. */
export interface ApprovalListenerDeps extends HomeDeps {
  logger: Logger;
}

/** A card's message, for chat.update: the one clicked (an ephemeral list is refreshed instead: chat.update cannot reach it). */
const cardMessage = (body: BlockButtonAction) =>
  body.container?.type === 'message' && !clickedInPrivateList(body) ? { channel: body.container.channel_id as string, ts: body.container.message_ts as string } : null;

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
      await refreshApprovalList({ body, client, respond }, deps, decidedNotice(result.record));
      return;
    }
    await respond?.({ response_type: 'ephemeral', replace_original: false, text: whyNotDecided(result, deps.desk) });
    // A card still showing buttons for a decided request catches up.
    if (result.reason === 'already_decided' && where) await updateDecidedCard(client, deps.desk, where, result.record);
    // The Home tab has no response_url: the reason heads the tab instead.
    await refreshApprovalList({ body, client, respond }, deps, clickedOnHome(body) ? whyNotDecided(result, deps.desk) : undefined);
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
      await refreshApprovalList({ body, client, respond }, deps, clickedOnHome(body) ? whyNotDecided(open, deps.desk) : undefined);
      return;
    }
    const where = cardMessage(body);
    const metadata = JSON.stringify({ requestId, ...(where ? { card: where } : {}), ...(clickedOnHome(body) ? { home: true } : {}) });
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
