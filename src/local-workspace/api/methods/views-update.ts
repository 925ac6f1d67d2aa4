import { getView, updateView, viewByExternalId } from '../../data/views.js';
import { viewHash } from '../../ids.js';
import { publishHome, publishModals } from '../../messaging/publish-views.js';
import { keepState } from '../../interactions/view-state.js';
import { viewObject } from '../../shapes/view-object.js';
import type { Handler } from '../handler.js';
import { invalidArguments, SlackError } from '../slack-error.js';
import { viewDefinition } from '../view-definition.js';

/** views.update: replaces a modal or Home view in place (by view_id or external_id; hash guards races). */
export const viewsUpdate: Handler = async ({ ctx, args, caller }) => {
  const viewId = args.string('view_id');
  const externalId = args.string('external_id');
  if (!viewId && !externalId) throw invalidArguments('missing required field: view_id or external_id');
  const existing = viewId ? await getView(ctx.db, viewId) : await viewByExternalId(ctx.db, externalId!);
  if (!existing || existing.appId !== caller.appId) throw new SlackError('not_found');
  const hash = args.string('hash');
  if (hash && hash !== existing.hash) throw new SlackError('hash_conflict');
  const definition = viewDefinition(args, existing.type);
  const updated = (await updateView(ctx.db, existing.id, { definition, hash: viewHash(), state: keepState(existing.state, definition.blocks) }))!;
  if (updated.type === 'home') publishHome(ctx, updated);
  else if (updated.stackPosition !== null) await publishModals(ctx, updated.userId);
  return { view: viewObject(updated) };
};
