import { isMember, memberIds } from '../../data/channels.js';
import { channelObject } from '../../shapes/channel-object.js';
import { channelArg } from '../channel-arg.js';
import type { Handler } from '../handler.js';

/** conversations.info: the app learns a channel's name and type (home-channel routing). */
export const conversationsInfo: Handler = async (call) => {
  const { ctx, args, caller } = call;
  const channel = await channelArg(call);
  const numMembers = args.bool('include_num_members') ? (await memberIds(ctx.db, channel.id)).length : undefined;
  return { channel: channelObject(channel, caller.id, { isMember: await isMember(ctx.db, channel.id, caller.id), numMembers }) };
};
