import { deleteMessage } from '../../data/messages.js';
import { audienceOf, publishMessage } from '../../messaging/publish.js';
import { channelArg } from '../channel-arg.js';
import type { Handler } from '../handler.js';
import { ownMessage } from '../own-message.js';

/** chat.delete: the app removes one of its own messages. */
export const chatDelete: Handler = async (call) => {
  const { ctx } = call;
  const channel = await channelArg(call);
  const message = await ownMessage(call, channel, 'cant_delete_message');
  const ts = message.ts;
  const { tombstone, parent } = await deleteMessage(ctx.db, message);
  if (tombstone) await publishMessage(ctx, channel, tombstone, 'message_changed');
  else ctx.hub.publish(await audienceOf(ctx, channel), { type: 'message_deleted', channel: channel.id, ts, thread_ts: message.threadTs });
  if (parent) await publishMessage(ctx, channel, parent, 'message_changed');
  return { channel: channel.id, ts };
};
