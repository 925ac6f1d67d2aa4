import type { AllMiddlewareArgs, SlackViewMiddlewareArgs } from '@slack/bolt';
import { BlockIds } from '../../action-ids.js';
import { parseAskMetadata } from '../../blocks/ask-modal.js';
import type { AgentThreads } from '../../start-agent-thread.js';

/** The Ask modal's submit: validate, close the modal, start the thread with the agent. */
export const askSubmit =
  (deps: { threads: AgentThreads }) =>
  async ({ ack, view, body, client }: SlackViewMiddlewareArgs & AllMiddlewareArgs) => {
    const typed: unknown = view.state.values[BlockIds.question]?.text?.value;
    const question = typeof typed === 'string' ? typed.trim() : '';
    const metadata = parseAskMetadata(view.private_metadata);
    if (!question) {
      await ack({ response_action: 'errors', errors: { [BlockIds.question]: 'Write your question first.' } });
      return;
    }
    if (!metadata) {
      await ack({ response_action: 'errors', errors: { [BlockIds.question]: 'This form is out of date: close it and run /dept again.' } });
      return;
    }
    await ack();
    const result = await deps.threads.start({ agentId: metadata.agentId, userId: body.user.id, channelId: metadata.channelId, question });
    if (!result.ok) {
      // The modal is closed: tell the person privately, with their question so nothing is lost.
      await client.chat.postMessage({ channel: body.user.id, text: `${result.error}\nYour question was:\n>${question.replace(/\n/g, '\n>')}` });
    }
  };
