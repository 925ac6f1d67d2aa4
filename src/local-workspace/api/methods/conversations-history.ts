import { isMember } from '../../data/channels.js';
import { history } from '../../data/messages.js';
import { reactionsFor } from '../../data/reactions.js';
import { messageObject } from '../../shapes/message-object.js';
import { channelArg } from '../channel-arg.js';
import { decodeCursor, encodeCursor } from '../cursor.js';
import type { Handler } from '../handler.js';
import { SlackError } from '../slack-error.js';

/** conversations.history: top-level messages, newest first; replies live in conversations.replies. */
export const conversationsHistory: Handler = async (call) => {
  const { ctx, args, caller } = call;
  const channel = await channelArg(call);
  if (!(await isMember(ctx.db, channel.id, caller.id))) throw new SlackError('not_in_channel');
  const limit = args.int('limit', 100, 999);
  const after = decodeCursor(args.string('cursor'), 'before');
  const window = after
    ? { latest: after, oldest: args.string('oldest'), inclusive: false, limit }
    : { latest: args.string('latest'), oldest: args.string('oldest'), inclusive: args.bool('inclusive'), limit };
  const { messages, hasMore } = await history(ctx.db, channel.id, window);
  const reactions = await reactionsFor(ctx.db, channel.id, messages.map((m) => m.ts));
  const includeMetadata = args.bool('include_all_metadata');
  return {
    messages: messages.map((m) => messageObject(m, ctx.dir, { base: ctx.base, includeMetadata, reactions: reactions.get(m.ts) })),
    has_more: hasMore,
    pin_count: 0,
    channel_actions_ts: null,
    channel_actions_count: 0,
    response_metadata: { next_cursor: hasMore ? encodeCursor('before', messages.at(-1)!.ts) : '' },
  };
};
