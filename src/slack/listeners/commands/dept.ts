import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { Department } from '../../../department/schema.js';
import { directoryBlocks } from '../../blocks/directory.js';
import type { AgentThreads } from '../../start-agent-thread.js';

const USAGE = 'Usage: `/dept` shows the department directory; `/dept <handle> <question>` starts a thread with that agent (e.g. `/dept seo keywords for our AI pricing page`).';

/** `/dept` — the directory; `/dept <handle> <question>` — a thread with that agent. */
export const deptCommand =
  (deps: { department: Department; threads: AgentThreads }) =>
  async ({ command, ack, respond }: SlackCommandMiddlewareArgs & AllMiddlewareArgs) => {
    await ack();
    const text = (command.text ?? '').trim();
    if (text === '') {
      await respond({ response_type: 'ephemeral', text: `${deps.department.file.name} directory`, blocks: directoryBlocks(deps.department) });
      return;
    }
    if (text === 'help') {
      await respond({ response_type: 'ephemeral', text: USAGE });
      return;
    }
    const [first = '', ...rest] = text.split(/\s+/);
    const agent = deps.department.byHandle.get(first.replace(/^@/, '').toLowerCase());
    if (!agent) {
      await respond({ response_type: 'ephemeral', text: `I don't know an agent called "${first}". ${USAGE}` });
      return;
    }
    const result = await deps.threads.start({ agentId: agent.id, userId: command.user_id, channelId: command.channel_id, question: rest.join(' ') });
    await respond({
      response_type: 'ephemeral',
      text: result.ok ? `Started a thread with ${agent.name} — the answer arrives there.` : result.error,
    });
  };
