import { z } from 'zod';

/** Message types of the department's protocol (seed §3.2). */
export const messageType = z.enum([
  'request', // a human or agent asks for something
  'task_assignment',
  'reply',
  'deliverable',
  'review_request',
  'feedback',
  'status_update',
  'escalation',
  'decision',
  'fyi',
  'system', // notices from the department itself (budget reached, errors)
]);
export const priority = z.enum(['urgent', 'normal', 'low']);

/**
 * One protocol record: stored in Postgres (messages.protocol) and carried on the Slack
 * message as metadata (event_type DEPT_EVENT_TYPE, event_payload = this object).
 */
export const protocolMessageSchema = z.object({
  id: z.string().min(1),
  /** Agent id, or "human:<slack user id>". */
  from: z.string().min(1),
  to: z.array(z.string()),
  type: messageType,
  priority: priority.default('normal'),
  context: z
    .object({
      project: z.string().optional(),
      deadline: z.string().optional(),
      related_messages: z.array(z.string()).default([]),
      channel: z.string(),
      thread_ts: z.string().optional(),
    })
    .strict(),
  content: z.object({
    subject: z.string().optional(),
    body: z.string(),
    requirements: z.record(z.string(), z.unknown()).optional(),
  }),
  required_response: z.boolean().default(false),
  response_by: z.string().optional(),
  /** Model that wrote it, e.g. claude-sonnet-4-5 or rehearsal-offline. Absent for humans. */
  model: z.string().optional(),
  /**
   * One page of a message too long for one Slack message: its place, and the id of its first page.
   * The pages are posted in order; agents it addresses are asked only once the last is in the thread.
   */
  part: z.object({ index: z.number().int().min(1), count: z.number().int().min(2), first: z.string().min(1) }).strict().optional(),
});

export type ProtocolMessage = z.infer<typeof protocolMessageSchema>;
export type MessageType = z.infer<typeof messageType>;
export type Priority = z.infer<typeof priority>;

/** Slack metadata event_type of every message an agent posts. */
export const DEPT_EVENT_TYPE = 'dept_agent_message';

export function humanSender(slackUserId: string): string {
  return `human:${slackUserId}`;
}
