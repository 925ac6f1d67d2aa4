import { isMember } from '../../data/channels.js';
import { postMessage } from '../../messaging/post-message.js';
import { channelArg, requireMember } from '../channel-arg.js';
import type { Handler } from '../handler.js';
import { messageContent, personaArgs } from '../message-content.js';
import { invalidArguments, SlackError } from '../slack-error.js';

/** chat.postEphemeral: a message only `user` sees (e.g. "only approvers can decide"). */
export const chatPostEphemeral: Handler = async (call) => {
  const { ctx, args, caller } = call;
  const channel = await channelArg(call);
  const userId = args.string('user');
  if (!userId) throw invalidArguments('missing required field: user');
  if (!ctx.dir.user(userId)) throw new SlackError('user_not_found');
  const content = messageContent(args);
  await requireMember(call, channel);
  if (!(await isMember(ctx.db, channel.id, userId))) throw new SlackError('user_not_in_channel');
  const { message } = await postMessage(ctx, {
    channel,
    author: caller,
    ...content,
    ...personaArgs(args),
    threadTs: args.string('thread_ts'),
    visibleTo: userId,
  });
  return { message_ts: message.ts };
};
