import type { types } from '@slack/bolt';
import { splitText } from '../lib/split-text.js';

type KnownBlock = types.KnownBlock;

export const REHEARSAL_LABEL = '🧪 Rehearsal model (offline) — not Claude. Set ANTHROPIC_API_KEY for real answers.';

/** Slack's limit for the text of one section block. */
const SECTION_MAX = 3000;

/**
 * Block Kit for an agent's message: the text in sections (Slack takes at most 3,000 characters in
 * one), then a context line with the page of a long message and the rehearsal label when they apply.
 */
export function agentPostBlocks(text: string, opts: { rehearsal: boolean; part?: { index: number; count: number } | undefined }): KnownBlock[] {
  const blocks: KnownBlock[] = splitText(text, SECTION_MAX).map((piece) => ({ type: 'section', text: { type: 'mrkdwn', text: piece } }));
  const notes: string[] = [];
  if (opts.part) notes.push(`Part ${opts.part.index} of ${opts.part.count}${opts.part.index < opts.part.count ? ' — continued below' : ''}`);
  if (opts.rehearsal) notes.push(REHEARSAL_LABEL);
  if (notes.length > 0) blocks.push({ type: 'context', elements: notes.map((n) => ({ type: 'mrkdwn' as const, text: n })) });
  return blocks;
}
