import { z } from 'zod';

/** The fields of a Slack `message` / `app_mention` event that ingest reads. Anything else is dropped. */
export const messageEventSchema = z.object({
  type: z.string(),
  channel: z.string().min(1),
  ts: z.string().min(1),
  user: z.string().optional(),
  text: z.string().optional(),
  thread_ts: z.string().optional(),
  subtype: z.string().optional(),
  bot_id: z.string().optional(),
  channel_type: z.enum(['channel', 'group', 'im', 'mpim']).optional(),
  metadata: z.object({ event_type: z.string().optional() }).optional(),
});

export type MessageEvent = z.infer<typeof messageEventSchema>;

/** Subtypes that are still a person saying something new; every other subtype is an edit, a join, a bot… */
export const HUMAN_SUBTYPES = new Set(['thread_broadcast', 'file_share']);
