import type { types } from '@slack/bolt';
import { BlockIds } from '../action-ids.js';
import { literalText } from '../text.js';

/** Slack's limit on a section's text, escaping included. */
export const SECTION_CHARS = 3000;

/** Escaped mrkdwn cut to `max` characters with an ellipsis, never inside an escape (&amp;) or an emoji's surrogate pair. */
export function fit(text: string, max: number = SECTION_CHARS): string {
  if (text.length <= max) return text;
  let end = max - 1;
  const amp = text.lastIndexOf('&', end - 1);
  if (amp > end - 5 && amp >= 0) {
    const semi = text.indexOf(';', amp);
    if (semi === -1 || semi >= end) end = amp;
  }
  if (end > 0 && /[\uD800-\uDBFF]/.test(text.charAt(end - 1))) end -= 1;
  return `${text.slice(0, end).trimEnd()}…`;
}

/**
 * A modal asking a person for one required text (Request changes, Give instructions): `question`
 * names what it is about; `metadata` says which request its submission decides.
 */
export function textModal(m: { callbackId: string; blockId: (typeof BlockIds)[keyof typeof BlockIds]; title: string; question: string; label: string; metadata: string; minLength?: number }): types.ModalView {
  return {
    type: 'modal',
    callback_id: m.callbackId,
    private_metadata: m.metadata,
    title: { type: 'plain_text', text: m.title },
    submit: { type: 'plain_text', text: 'Send' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: m.question } },
      {
        type: 'input',
        block_id: m.blockId,
        label: { type: 'plain_text', text: m.label },
        element: { type: 'plain_text_input', action_id: 'value', multiline: true, ...(m.minLength ? { min_length: m.minLength } : {}), max_length: 3000 },
      },
    ],
  };
}

/** A name inside a modal's question, shown literally and short. */
export const modalName = (name: string) => fit(literalText(name), 200);
