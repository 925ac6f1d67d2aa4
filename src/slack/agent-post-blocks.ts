import type { types } from '@slack/bolt';
import { splitText } from './text.js';

type KnownBlock = types.KnownBlock;

export const REHEARSAL_LABEL = '🧪 Rehearsal model (offline) — not Claude. Set ANTHROPIC_API_KEY for real answers.';

/** Slack's limit for the text of one section block. */
const SECTION_MAX = 3000;

/** Block Kit for an agent's message: the text in sections, and the rehearsal label when it applies. */
export function agentPostBlocks(text: string, rehearsal: boolean): KnownBlock[] {
  const blocks: KnownBlock[] = splitText(text, SECTION_MAX).map((part) => ({ type: 'section', text: { type: 'mrkdwn', text: part } }));
  if (rehearsal) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: REHEARSAL_LABEL }] });
  return blocks;
}
