import { TEAM } from '../../constants.js';
import { closeViews, insertView, modalStack, viewByExternalId } from '../../data/views.js';
import { slackId, viewHash } from '../../ids.js';
import { publishModals } from '../../messaging/publish-views.js';
import { viewObject } from '../../shapes/view-object.js';
import type { ApiCall, Handler } from '../handler.js';
import { invalidArguments, SlackError } from '../slack-error.js';
import { viewDefinition } from '../view-definition.js';

/** The person a trigger_id (or interactivity_pointer) was issued to, exchanged once. */
function triggerUser(call: ApiCall): string {
  const trigger = call.args.string('trigger_id') ?? call.args.string('interactivity_pointer');
  if (!trigger) throw invalidArguments('missing required field: trigger_id');
  return call.ctx.triggers.exchange(trigger);
}

async function checkExternalId(call: ApiCall, definition: Record<string, unknown>): Promise<string | null> {
  const externalId = typeof definition.external_id === 'string' && definition.external_id ? definition.external_id : null;
  if (externalId && (await viewByExternalId(call.ctx.db, externalId))) throw new SlackError('duplicate_external_id');
  return externalId;
}

/** A new modal view row: what views.open and views.push share; where it sits in the stack differs. */
function insertModal(
  call: ApiCall,
  userId: string,
  definition: Record<string, unknown>,
  externalId: string | null,
  place: { id: string; rootViewId: string; previousViewId?: string; stackPosition: number },
) {
  return insertView(call.ctx.db, {
    ...place,
    teamId: TEAM.id,
    userId,
    type: 'modal',
    appId: call.caller.appId!,
    botId: call.caller.botId!,
    definition,
    hash: viewHash(),
    externalId,
  });
}

/** views.open: a modal in front of the person who just clicked or typed a command. */
export const viewsOpen: Handler = async (call) => {
  const { ctx } = call;
  const definition = viewDefinition(call.args, 'modal');
  const userId = triggerUser(call);
  const externalId = await checkExternalId(call, definition);
  // A new modal replaces whatever stack the person had open.
  await closeViews(ctx.db, (await modalStack(ctx.db, userId)).map((v) => v.id));
  const id = slackId('V');
  const view = await insertModal(call, userId, definition, externalId, { id, rootViewId: id, stackPosition: 0 });
  await publishModals(ctx, userId);
  return { view: viewObject(view) };
};

/** views.push: a second (or third) modal on top of the open one. */
export const viewsPush: Handler = async (call) => {
  const { ctx } = call;
  const definition = viewDefinition(call.args, 'modal');
  const userId = triggerUser(call);
  const stack = await modalStack(ctx.db, userId);
  const top = stack.at(-1);
  if (!top) throw new SlackError('not_found');
  if (stack.length >= 3) throw new SlackError('push_limit_reached');
  const externalId = await checkExternalId(call, definition);
  const view = await insertModal(call, userId, definition, externalId, {
    id: slackId('V'),
    rootViewId: top.rootViewId ?? top.id,
    previousViewId: top.id,
    stackPosition: (top.stackPosition ?? 0) + 1,
  });
  await publishModals(ctx, userId);
  return { view: viewObject(view) };
};
