import { userObject } from '../../shapes/user-object.js';
import { page } from '../cursor.js';
import type { Handler } from '../handler.js';
import { SlackError } from '../slack-error.js';

/** users.info: a person or bot user by id. */
export const usersInfo: Handler = async ({ ctx, args }) => {
  const user = ctx.dir.user(args.string('user'));
  if (!user) throw new SlackError('user_not_found');
  return { user: userObject(user, ctx.base) };
};

/** users.list: everyone in the workspace. */
export const usersList: Handler = async ({ ctx, args }) => {
  const { items, nextCursor } = page(ctx.dir.all(), args.string('cursor'), args.int('limit', 100, 1000));
  return {
    members: items.map((u) => userObject(u, ctx.base)),
    cache_ts: Math.floor(Date.now() / 1000),
    response_metadata: { next_cursor: nextCursor },
  };
};
