import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { Logger } from 'pino';
import { changesModal, fullTextModal } from '../../blocks/approval-card.js';
import { whyNotDecided } from '../../approval-replies.js';
import type { DecisionFollowUps } from '../../decision-follow-up.js';
import type { HomeDeps } from '../../publish-home.js';
import { clickedOnHome, decidedNotice, refreshApprovalList } from '../../refresh-approval-list.js';
import { modalMetadata } from '../views/changes-submit.js';

type ButtonArgs = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;
/** The desk decides; the follow-ups show it in Slack; the rest re-publishes a Home tab a card was clicked on. */
export interface ApprovalListenerDeps extends HomeDeps {
  /** Cards, thread, decisions channel and the author's turn, once a person decided. */
  followUps: DecisionFollowUps;
  logger: Logger;
}

/** Approve and Reject: an approver's click decides, once; anyone else is told who can, privately. */
export const decideAction =
  (deps: ApprovalListenerDeps, state: 'approved' | 'rejected') =>
  async ({ ack, body, action, client, respond }: ButtonArgs) => {
    await ack();
    const requestId = action.value ?? '';
    const result = await deps.desk.decide({ requestId, state, by: body.user.id });
    if (result.ok) {
      deps.logger.info({ request: requestId, state, by: body.user.id }, 'approval request decided');
      // The list it was clicked in first: the person sees the outcome at once.
      await refreshApprovalList({ body, client, respond }, deps, decidedNotice(result.record));
      await deps.followUps.after('approval', requestId, result.followUp);
      return;
    }
    await respond?.({ response_type: 'ephemeral', replace_original: false, text: whyNotDecided(result, deps.desk) });
    // A card still showing buttons for a decided request catches up.
    if (result.reason === 'already_decided') await deps.followUps.refresh('approval', requestId);
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
    const metadata = modalMetadata({ kind: 'approval', id: requestId, home: clickedOnHome(body) });
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
