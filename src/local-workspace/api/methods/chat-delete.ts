import { deleteMessage, getMessage } from '../../data/messages.js';
import { audienceOf, publishMessage } from '../../messaging/publish.js';
import { channelArg } from '../channel-arg.js';
import type { Handler } from '../handler.js';
import { SlackError } from '../slack-error.js';

/** chat.delete: the app removes one of its own messages. */
export const chatDelete: Handler = async (call) => {
  const { ctx, args, caller } = call;
  const channel = await channelArg(call);
  const ts = args.string('ts');
  if (!ts) throw new SlackError('message_not_found');
  const message = await getMessage(ctx.db, channel.id, ts);
  if (!message || message.visibleTo || message.subtype === 'tombstone') throw new SlackError('message_not_found');
  if (!message.botId || message.botId !== caller.botId) throw new SlackError('cant_delete_message');
  const { tombstone, parent } = await deleteMessage(ctx.db, message);
  if (tombstone) await publishMessage(ctx, channel, tombstone, 'message_changed');
  else ctx.hub.publish(await audienceOf(ctx, channel), { type: 'message_deleted', channel: channel.id, ts, thread_ts: message.threadTs });
  if (parent) await publishMessage(ctx, channel, parent, 'message_changed');
  return { channel: channel.id, ts };
};
