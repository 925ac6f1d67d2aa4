import type Anthropic from '@anthropic-ai/sdk';
import { z } from 'zod';
import { messageType, priority } from '../protocol/message.js';

/**
 * The protocol acts an agent can perform in a turn, as Anthropic tool definitions.
 * Claude and the rehearsal model both call these by name with these inputs.
 */
export const postMessageInput = z.object({
  text: z.string().min(1),
  mentions: z.array(z.string()).default([]),
  type: messageType.default('reply'),
  priority: priority.default('normal'),
  subject: z.string().optional(),
});
export const declineInput = z.object({ reason: z.string().min(1) });

export type PostMessageInput = z.infer<typeof postMessageInput>;

export const POST_MESSAGE = 'post_message';
export const DECLINE = 'decline';

export function agentTools(mentionable: string[]): Anthropic.Tool[] {
  return [
    {
      name: POST_MESSAGE,
      description:
        'Post a message in this Slack thread as yourself. Only the agents listed in mentions are notified and will act on it, so mention an agent only when you need its work or answer. Do not mention yourself.',
      input_schema: {
        type: 'object',
        properties: {
          text: { type: 'string', description: 'The message, in Slack mrkdwn. Do not write @mentions in the text; use mentions.' },
          mentions: { type: 'array', items: { type: 'string', enum: mentionable }, description: 'Agent ids to notify.' },
          type: { type: 'string', enum: messageType.options, description: 'Protocol type of the message.' },
          priority: { type: 'string', enum: priority.options },
          subject: { type: 'string', description: 'One-line subject for task assignments and deliverables.' },
        },
        required: ['text'],
      },
    },
    {
      name: DECLINE,
      description:
        'Say nothing in the thread: use it when the message needs no answer from you (a thank-you, an acknowledgement, work that is not yours).',
      input_schema: {
        type: 'object',
        properties: { reason: { type: 'string', description: 'Why you are not replying (logged, not posted).' } },
        required: ['reason'],
      },
    },
  ];
}
