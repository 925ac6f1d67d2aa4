import { z } from 'zod';
import { storableText } from '../lib/storable-text.js';

/** Slack's text as Postgres can store it: NUL and lone surrogates become U+FFFD, never a dropped message. */
const text = z.string().transform(storableText);

/**
 * The fields of a Slack `message` / `app_mention` event that ingest reads, with every string made
 * storable. Anything else is dropped. Odd optional fields (an unknown channel_type, metadata of
 * another shape) are ignored rather than a reason to drop the message.
 */
export const messageEventSchema = z.object({
  type: z.string(),
  channel: text.pipe(z.string().min(1)),
  ts: text.pipe(z.string().min(1)),
  user: text.optional(),
  text: text.optional(),
  thread_ts: text.optional(),
  subtype: z.string().optional(),
  bot_id: z.string().optional(),
  channel_type: z.enum(['channel', 'group', 'im', 'mpim']).optional().catch(undefined),
  metadata: z.object({ event_type: z.string().optional() }).optional().catch(undefined),
});

export type MessageEvent = z.infer<typeof messageEventSchema>;

/** The subtypes that change a message already posted rather than say something new. */
export const CHANGE_SUBTYPES = new Set(['message_changed', 'message_deleted']);

const ts = text.pipe(z.string().min(1));

/**
 * An edit (`message_changed`: the new message in `message`, its original ts in `message.ts`) or a
 * deletion (`message_deleted`: `deleted_ts`). A deleted parent with replies stays in Slack as a
 * `tombstone`, announced as a message_changed.
 */
export const messageChangeSchema = z.discriminatedUnion('subtype', [
  z.object({
    subtype: z.literal('message_changed'),
    channel: ts,
    message: z.object({ ts, text: text.optional(), subtype: z.string().optional() }),
  }),
  z.object({ subtype: z.literal('message_deleted'), channel: ts, deleted_ts: ts }),
]);

export type MessageChangeEvent = z.infer<typeof messageChangeSchema>;
