import { getMessage } from '../../data/messages.js';
import { channelArg } from '../channel-arg.js';
import type { Handler } from '../handler.js';
import { SlackError } from '../slack-error.js';

/** chat.getPermalink: a link the web client opens at the message (and its thread). */
export const chatGetPermalink: Handler = async (call) => {
  const { ctx, args } = call;
  const channel = await channelArg(call);
  const ts = args.string('message_ts');
  const message = ts ? await getMessage(ctx.db, channel.id, ts) : undefined;
  if (!message || message.visibleTo) throw new SlackError('message_not_found');
  const reply = message.threadTs && message.threadTs !== message.ts;
  const permalink = `${ctx.base}archives/${channel.id}/p${message.ts.replace('.', '')}${reply ? `?thread_ts=${message.threadTs}&cid=${channel.id}` : ''}`;
  return { channel: channel.id, permalink };
};
