import { postMessage } from '../../messaging/post-message.js';
import { messageObject } from '../../shapes/message-object.js';
import { channelArg, requireMember } from '../channel-arg.js';
import type { Handler } from '../handler.js';
import { messageContent, personaArgs } from '../message-content.js';

/** chat.postMessage: into a channel, a DM (channel = user id) or a thread, optionally as a persona. */
export const chatPostMessage: Handler = async (call) => {
  const { ctx, args, caller } = call;
  const channel = await channelArg(call, { allowUser: true });
  const content = messageContent(args);
  await requireMember(call, channel);
  const { message } = await postMessage(ctx, { channel, author: caller, ...content, ...personaArgs(args), threadTs: args.string('thread_ts') });
  return { channel: channel.id, ts: message.ts, message: messageObject(message, ctx.dir, { base: ctx.base, includeMetadata: true }) };
};
