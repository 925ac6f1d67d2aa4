import { MAIN_APP } from '../constants.js';
import type { Ctx } from '../context.js';
import { isMember } from '../data/channels.js';
import { deleteMessage, getMessage, updateMessage } from '../data/messages.js';
import type { ChannelRow, MessageRow, UserRow } from '../data/rows.js';
import { messageChangedEvent, messageDeletedEvent } from '../delivery/change-events.js';
import { eventEnvelope } from '../delivery/event-envelope.js';
import type { EventEnvelope } from '../delivery/event-envelope.js';
import { UiError } from '../ui/viewer.js';
import { audienceOf, publishMessage } from './publish.js';

/** A person edits one of their own messages: shown at once, and sent to the app as Slack does (message_changed). */
export async function editHumanMessage(ctx: Ctx, input: { user: UserRow; channel: ChannelRow; ts: string; text: string }): Promise<MessageRow> {
  const before = await ownMessage(ctx, input);
  const eventTs = ctx.clock.next();
  const now = (await updateMessage(ctx.db, input.channel.id, before.ts, { text: input.text, edited: { user: input.user.id, ts: eventTs } }))!;
  await publishMessage(ctx, input.channel, now, 'message_changed');
  void deliver(ctx, input.channel, async (parentUserId) => messageChangedEvent(input.channel, now, before, eventTs, { dir: ctx.dir, base: ctx.base, parentUserId }), before);
  return now;
}

/**
 * A person deletes one of their own messages: gone (a parent with replies stays as a tombstone, as
 * in Slack), and the app gets message_deleted, or message_changed with the tombstone.
 */
export async function deleteHumanMessage(ctx: Ctx, input: { user: UserRow; channel: ChannelRow; ts: string }): Promise<void> {
  const before = await ownMessage(ctx, input);
  const { tombstone, parent } = await deleteMessage(ctx.db, before);
  const eventTs = ctx.clock.next();
  if (tombstone) await publishMessage(ctx, input.channel, tombstone, 'message_changed');
  else ctx.hub.publish(await audienceOf(ctx, input.channel), { type: 'message_deleted', channel: input.channel.id, ts: before.ts, thread_ts: before.threadTs });
  if (parent) await publishMessage(ctx, input.channel, parent, 'message_changed');
  const shapes = { dir: ctx.dir, base: ctx.base };
  void deliver(
    ctx,
    input.channel,
    async (parentUserId) =>
      tombstone ? messageChangedEvent(input.channel, tombstone, before, eventTs, { ...shapes, parentUserId }) : messageDeletedEvent(input.channel, before, eventTs, { ...shapes, parentUserId }),
    before,
  );
}

async function ownMessage(ctx: Ctx, input: { user: UserRow; channel: ChannelRow; ts: string }): Promise<MessageRow> {
  const m = await getMessage(ctx.db, input.channel.id, input.ts);
  if (!m || m.visibleTo || m.subtype === 'tombstone') throw new UiError(404, 'That message is not there any more.');
  if (m.userId !== input.user.id || m.botId) throw new UiError(403, 'You can only change your own messages.');
  return m;
}

/** Like a new message: only where the app is a member, in the background. */
async function deliver(ctx: Ctx, channel: ChannelRow, event: (parentUserId: string | undefined) => Promise<EventEnvelope['event']>, m: MessageRow): Promise<void> {
  try {
    if (!(await isMember(ctx.db, channel.id, MAIN_APP.userId))) return;
    const parent = m.threadTs && m.threadTs !== m.ts ? await getMessage(ctx.db, channel.id, m.threadTs) : undefined;
    void ctx.app.sendEvent(eventEnvelope(await event(parent?.userId ?? undefined)));
  } catch (err) {
    ctx.logger.error({ channel: channel.id, ts: m.ts, error: (err as Error).message }, 'local workspace: could not deliver a message change event');
  }
}
