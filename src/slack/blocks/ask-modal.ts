import type { types } from '@slack/bolt';
import type { AgentDef } from '../../department/schema.js';
import { BlockIds, CallbackIds } from '../action-ids.js';

type ModalView = types.ModalView;

export interface AskModalMetadata {
  agentId: string;
  /** Where the thread starts: the channel /dept was used in. */
  channelId: string;
}

/** The modal behind an Ask button: one question, which starts a thread with the agent. */
export function askModal(agent: AgentDef, metadata: AskModalMetadata): ModalView {
  return {
    type: 'modal',
    callback_id: CallbackIds.askModal,
    private_metadata: JSON.stringify(metadata),
    title: { type: 'plain_text', text: truncate(`Ask ${agent.name}`, 24) },
    submit: { type: 'plain_text', text: 'Ask' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: `${heading(agent)}\n${agent.role}` } },
      {
        type: 'input',
        block_id: BlockIds.question,
        label: { type: 'plain_text', text: 'Your question or request' },
        element: { type: 'plain_text_input', action_id: 'text', multiline: true, max_length: 3000 },
      },
    ],
  };
}

export function parseAskMetadata(raw: string): AskModalMetadata | null {
  try {
    const value = JSON.parse(raw) as Partial<AskModalMetadata>;
    return typeof value.agentId === 'string' && typeof value.channelId === 'string' ? { agentId: value.agentId, channelId: value.channelId } : null;
  } catch {
    return null;
  }
}

/** "*Content Manager*", or "*Maya* — Content Manager" when the name is not the title already. */
export function heading(agent: Pick<AgentDef, 'name' | 'title'>): string {
  const same = agent.title.trim().toLowerCase() === agent.name.trim().toLowerCase();
  return same ? `*${agent.name}*` : `*${agent.name}* — ${agent.title}`;
}

/** Slack caps modal titles at 24 characters. */
function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
