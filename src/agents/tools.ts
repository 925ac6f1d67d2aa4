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

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2026-12-31');
export const createTaskInput = z.object({
  title: z.string().min(1).max(300),
  assignee: z.string().min(1),
  description: z.string().max(4000).default(''),
  due_date: isoDate.optional(),
});
export const recordDecisionInput = z.object({
  type: z.string().regex(/^[a-z][a-z0-9_]*$/, 'must be a snake_case decision type like campaign_strategy'),
  context: z.string().min(1),
  decision: z.string().min(1),
  reasoning: z.string().default(''),
  actions: z.array(z.object({ assigned_to: z.string().min(1), action: z.string().min(1), due_date: isoDate.optional() })).default([]),
  approval_chain: z.array(z.string()).default([]),
  dissent: z.string().optional(),
});

export type PostMessageInput = z.infer<typeof postMessageInput>;
export type CreateTaskInput = z.infer<typeof createTaskInput>;
export type RecordDecisionInput = z.infer<typeof recordDecisionInput>;

export const POST_MESSAGE = 'post_message';
export const DECLINE = 'decline';
export const CREATE_TASK = 'create_task';
export const RECORD_DECISION = 'record_decision';

export function agentTools(mentionable: string[], self?: string): Anthropic.Tool[] {
  const assignable = self ? [self, ...mentionable] : mentionable;
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
    {
      name: CREATE_TASK,
      description:
        "Record a task in the department's task list (what /dept tasks shows): for yourself, or for one of your reports. Tell the assignee in the thread with post_message as well.",
      input_schema: {
        type: 'object',
        properties: {
          title: { type: 'string', description: 'What is to be done, in a line.' },
          assignee: { type: 'string', enum: assignable, description: 'Agent id of the owner: you, or one of your reports.' },
          description: { type: 'string' },
          due_date: { type: 'string', description: 'YYYY-MM-DD' },
        },
        required: ['title', 'assignee'],
      },
    },
    {
      name: RECORD_DECISION,
      description:
        "Record a decision you made, within your authority (the department's authority matrix): what was decided, why, and the actions it sets (each becomes a task). Decisions you must escalate are refused.",
      input_schema: {
        type: 'object',
        properties: {
          type: { type: 'string', description: 'Decision type from the authority matrix, e.g. blog_post_topics, content_calendar, campaign_strategy.' },
          context: { type: 'string' },
          decision: { type: 'string' },
          reasoning: { type: 'string' },
          actions: {
            type: 'array',
            items: {
              type: 'object',
              properties: { assigned_to: { type: 'string', enum: assignable }, action: { type: 'string' }, due_date: { type: 'string', description: 'YYYY-MM-DD' } },
              required: ['assigned_to', 'action'],
            },
          },
          approval_chain: { type: 'array', items: { type: 'string' } },
          dissent: { type: 'string', description: 'Disagreement noted along the way, if any.' },
        },
        required: ['type', 'context', 'decision'],
      },
    },
  ];
}
