import { memberIds } from '../../data/channels.js';
import { channelArg } from '../channel-arg.js';
import { page } from '../cursor.js';
import type { Handler } from '../handler.js';

/** conversations.members: user ids in the channel. */
export const conversationsMembers: Handler = async (call) => {
  const channel = await channelArg(call);
  const { items, nextCursor } = page(await memberIds(call.ctx.db, channel.id), call.args.string('cursor'), call.args.int('limit', 100, 1000));
  return { members: items, response_metadata: { next_cursor: nextCursor } };
};
