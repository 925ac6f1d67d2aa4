import { openDm } from '../../messaging/open-dm.js';
import { channelObject } from '../../shapes/channel-object.js';
import { channelArg } from '../channel-arg.js';
import type { Handler } from '../handler.js';
import { invalidArguments, SlackError } from '../slack-error.js';

/** conversations.open: the DM between the caller and one person (group DMs are not simulated). */
export const conversationsOpen: Handler = async (call) => {
  const { ctx, args, caller } = call;
  if (args.has('channel')) {
    const channel = await channelArg(call);
    return { no_op: true, already_open: true, channel: args.bool('return_im') ? channelObject(channel, caller.id, { isMember: true }) : { id: channel.id } };
  }
  const users = args.list('users').filter((u) => u !== caller.id);
  if (users.length === 0) throw new SlackError('users_list_not_supplied');
  if (users.length > 1) throw invalidArguments('group DMs are not part of the local workspace: open a DM with one user');
  const other = ctx.dir.user(users[0]);
  if (!other) throw new SlackError('user_not_found');
  const { channel, created } = await openDm(ctx, caller.id, other.id);
  const shape = args.bool('return_im') ? channelObject(channel, caller.id, { isMember: true }) : { id: channel.id };
  return created ? { channel: shape } : { no_op: true, already_open: true, channel: shape };
};
