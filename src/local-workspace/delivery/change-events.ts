import type { Directory } from '../data/directory.js';
import type { ChannelRow, MessageRow } from '../data/rows.js';
import { messageObject } from '../shapes/message-object.js';
import type { EventEnvelope } from './event-envelope.js';

type Event = EventEnvelope['event'];

const channelType = (channel: ChannelRow) => (channel.isIm ? 'im' : channel.isPrivate ? 'group' : 'channel');

/**
 * What Slack sends the app when a message is edited: a hidden `message_changed` whose `message` is
 * the message as it is now (its original ts, an `edited` stamp) and `previous_message` as it was.
 * A deleted parent that keeps its replies is announced the same way, its `message` a `tombstone`.
 */
export function messageChangedEvent(channel: ChannelRow, now: MessageRow, before: MessageRow, eventTs: string, ctx: { dir: Directory; base: string; parentUserId?: string | undefined }): Event {
  const shape = (m: MessageRow) => messageObject(m, ctx.dir, { base: ctx.base, parentUserId: ctx.parentUserId });
  const message = now.subtype === 'tombstone' ? { ...shape(now), hidden: true } : shape(now);
  return { type: 'message', subtype: 'message_changed', hidden: true, message, channel: channel.id, previous_message: shape(before), event_ts: eventTs, ts: eventTs, channel_type: channelType(channel) };
}

/** What Slack sends the app when a message is deleted: a hidden `message_deleted` naming it by `deleted_ts`. */
export function messageDeletedEvent(channel: ChannelRow, before: MessageRow, eventTs: string, ctx: { dir: Directory; base: string; parentUserId?: string | undefined }): Event {
  return {
    type: 'message',
    subtype: 'message_deleted',
    hidden: true,
    channel: channel.id,
    ts: eventTs,
    event_ts: eventTs,
    deleted_ts: before.ts,
    previous_message: messageObject(before, ctx.dir, { base: ctx.base, parentUserId: ctx.parentUserId }),
    channel_type: channelType(channel),
  };
}
