import { channelIdsOf, listChannels } from '../../data/channels.js';
import { channelObject } from '../../shapes/channel-object.js';
import { page } from '../cursor.js';
import type { Handler } from '../handler.js';

const KNOWN_TYPES = new Set(['public_channel', 'private_channel', 'im', 'mpim']);

/** conversations.list: public channels (member or not) and the caller's own DMs, by `types`. */
export const conversationsList: Handler = async ({ ctx, args, caller }) => {
  const types = new Set(args.list('types').filter((t) => KNOWN_TYPES.has(t)));
  if (types.size === 0) types.add('public_channel');
  const mine = await channelIdsOf(ctx.db, caller.id);
  const wanted = (await listChannels(ctx.db)).filter((c) => {
    if (args.bool('exclude_archived') && c.isArchived) return false;
    if (c.isIm) return types.has('im') && mine.has(c.id);
    return c.isPrivate ? types.has('private_channel') && mine.has(c.id) : types.has('public_channel');
  });
  const { items, nextCursor } = page(wanted, args.string('cursor'), args.int('limit', 100, 1000));
  return {
    channels: items.map((c) => channelObject(c, caller.id, { isMember: mine.has(c.id) })),
    response_metadata: { next_cursor: nextCursor },
  };
};
