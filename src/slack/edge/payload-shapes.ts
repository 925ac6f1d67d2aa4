import { z } from 'zod';

/**
 * The shapes of Slack request bodies, as far as Bolt and our listeners read them without checking.
 * A signed body outside these is answered 400 at the edge instead of failing inside Bolt (a
 * TypeError that used to take the process down, or a 500, or a 3-second hang).
 */

const anObject = z.object({});
const someone = z.object({ id: z.string().min(1) });
/** Bolt reads `channel.id` whenever `channel` is present. */
const channel = anObject.optional();

/** Events API envelope: Bolt reads these fields of every event before any listener runs. */
export const eventEnvelopeShape = z.object({
  type: z.literal('event_callback'),
  event_id: z.string().min(1),
  team_id: z.string().optional(),
  authorizations: z.array(anObject).optional(),
  event: z.object({
    type: z.string().min(1),
    user: z.union([z.string(), anObject]).optional(),
    channel: z.union([z.string(), anObject]).optional(),
    item: anObject.optional(),
    subteam: anObject.optional(),
  }),
});

/**
 * Events whose listeners need more than the envelope. Message events are not here on purpose: Slack
 * has dozens of subtypes, and ingest decides which it can use (the rest are dropped, not refused).
 */
export const eventShapes: Record<string, z.ZodType> = {
  app_home_opened: z.object({ user: z.string().min(1), tab: z.string().optional() }),
};

/** Slash commands (form fields): Slack always sends a response_url, which is how /dept answers. */
export const commandShape = z.object({
  command: z.string().startsWith('/'),
  user_id: z.string().min(1),
  channel_id: z.string().min(1),
  response_url: z.string().min(1),
  text: z.string().optional(),
  team_id: z.string().optional(),
});

/** Interactivity payloads by `type`, grouped the way Bolt classifies them (App.processEvent). */
export const interactiveShapes = {
  options: {
    block_suggestion: z.object({ user: someone, action_id: z.string(), channel }),
    dialog_suggestion: z.object({ user: someone, name: z.string(), callback_id: z.string(), channel }),
  },
  action: {
    block_actions: z.object({ user: someone, actions: z.array(z.object({ action_id: z.string(), type: z.string() })).min(1), channel }),
    interactive_message: z.object({ user: someone, callback_id: z.string(), actions: z.array(anObject).min(1), channel }),
    dialog_submission: z.object({ user: someone, callback_id: z.string(), submission: anObject, channel }),
  },
  shortcut: {
    shortcut: z.object({ user: someone, callback_id: z.string(), trigger_id: z.string() }),
    message_action: z.object({ user: someone, callback_id: z.string(), message: anObject, channel }),
  },
  view: {
    view_submission: z.object({
      user: someone,
      view: z.object({
        callback_id: z.string(),
        private_metadata: z.string().optional(),
        state: z.object({ values: z.record(z.string(), z.record(z.string(), anObject)) }),
      }),
    }),
    view_closed: z.object({ user: someone, view: z.object({ callback_id: z.string() }) }),
  },
} satisfies Record<string, Record<string, z.ZodType>>;
