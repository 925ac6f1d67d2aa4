import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { Department } from '../../../department/schema.js';
import { askModal } from '../../blocks/ask-modal.js';

/** The directory's Ask button: opens a modal for the question. */
export const askAgentAction =
  (deps: { department: Department }) =>
  async ({ ack, body, action, client, respond }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs) => {
    await ack();
    const agent = deps.department.byId.get(action.value ?? '');
    if (!agent) {
      // respond() exists only when the button sat in a message (not in a modal or the Home tab).
      await respond?.({ response_type: 'ephemeral', replace_original: false, text: `That agent is no longer in the department. Run /dept again.` });
      return;
    }
    const channelId = body.channel?.id ?? body.container?.channel_id ?? body.user.id;
    await client.views.open({ trigger_id: body.trigger_id, view: askModal(agent, { agentId: agent.id, channelId }) });
  };
