import { TEAM } from '../../constants.js';
import { homeView, insertView, updateView } from '../../data/views.js';
import { slackId, viewHash } from '../../ids.js';
import { keepState } from '../../interactions/view-state.js';
import { publishHome } from '../../messaging/publish-views.js';
import { viewObject } from '../../shapes/view-object.js';
import type { Handler } from '../handler.js';
import { invalidArguments, SlackError } from '../slack-error.js';
import { viewDefinition } from '../view-definition.js';

/** views.publish: a person's App Home tab (the department dashboard). */
export const viewsPublish: Handler = async ({ ctx, args, caller }) => {
  const userId = args.string('user_id');
  if (!userId) throw invalidArguments('missing required field: user_id');
  if (!ctx.dir.user(userId)) throw new SlackError('user_not_found');
  const definition = viewDefinition(args, 'home');
  const existing = await homeView(ctx.db, userId, caller.appId!);
  const hash = args.string('hash');
  if (hash && existing && hash !== existing.hash) throw new SlackError('hash_conflict');
  const view = existing
    ? (await updateView(ctx.db, existing.id, { definition, hash: viewHash(), state: keepState(existing.state, definition.blocks) }))!
    : await insertView(ctx.db, { id: slackId('V'), teamId: TEAM.id, userId, type: 'home', appId: caller.appId!, botId: caller.botId!, definition, hash: viewHash() });
  publishHome(ctx, view);
  return { view: viewObject(view) };
};
