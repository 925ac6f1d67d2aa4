import { getMessage, replies } from '../../data/messages.js';
import { reactionsFor } from '../../data/reactions.js';
import { messageObject } from '../../shapes/message-object.js';
import { channelArg } from '../channel-arg.js';
import { decodeCursor, encodeCursor } from '../cursor.js';
import type { Handler } from '../handler.js';
import { invalidArguments, SlackError } from '../slack-error.js';

/** conversations.replies: a thread, parent first then replies oldest first (ts may name any message in it). */
export const conversationsReplies: Handler = async (call) => {
  const { ctx, args } = call;
  const channel = await channelArg(call);
  const ts = args.string('ts');
  if (!ts) throw invalidArguments('missing required field: ts');
  const found = await getMessage(ctx.db, channel.id, ts);
  if (!found || found.visibleTo) throw new SlackError('thread_not_found');
  const rootTs = found.threadTs ?? found.ts;
  const parent = rootTs === found.ts ? found : await getMessage(ctx.db, channel.id, rootTs);
  if (!parent) throw new SlackError('thread_not_found');

  const limit = args.int('limit', 1000, 1000);
  const after = decodeCursor(args.string('cursor'), 'after');
  const window = after
    ? { oldest: after, latest: args.string('latest'), inclusive: false, limit }
    : { oldest: args.string('oldest'), latest: args.string('latest'), inclusive: args.bool('inclusive'), limit: Math.max(limit - 1, 1) };
  const page = await replies(ctx.db, channel.id, parent.ts, window);
  const thread = after ? page.messages : [parent, ...page.messages];
  const reactions = await reactionsFor(ctx.db, channel.id, thread.map((m) => m.ts));
  const includeMetadata = args.bool('include_all_metadata');
  const parentUserId = parent.userId ?? undefined;
  return {
    messages: thread.map((m) => messageObject(m, ctx.dir, { base: ctx.base, includeMetadata, reactions: reactions.get(m.ts), parentUserId })),
    has_more: page.hasMore,
    response_metadata: { next_cursor: page.hasMore ? encodeCursor('after', page.messages.at(-1)!.ts) : '' },
  };
};
