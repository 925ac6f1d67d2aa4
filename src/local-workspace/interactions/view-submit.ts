import { TEAM } from '../constants.js';
import type { Ctx } from '../context.js';
import type { UserRow, ViewRow } from '../data/rows.js';
import { closeViews, getView, insertView, modalStack, updateView } from '../data/views.js';
import { ackBody, dispatchError, payloadBase, payloadForm } from '../delivery/payloads.js';
import { slackId, viewHash } from '../ids.js';
import { publishModals } from '../messaging/publish-views.js';
import { normalizeBlocks } from '../shapes/normalize-blocks.js';
import { viewObject } from '../shapes/view-object.js';
import { keepState, stateFromInputs, type RawInputs } from './view-state.js';

export type SubmitOutcome = { ok: true } | { ok: false; errors?: Record<string, string>; error?: string };

/**
 * A person pressed a modal's submit button: the app gets a view_submission with state.values and
 * answers in its ack. Empty ack closes the modal; response_action errors / update / push / clear
 * do what they do in Slack.
 */
export async function submitView(ctx: Ctx, input: { user: UserRow; viewId: string; inputs: RawInputs }): Promise<SubmitOutcome> {
  const existing = await getView(ctx.db, input.viewId);
  if (!existing || existing.userId !== input.user.id || existing.type !== 'modal' || existing.stackPosition === null) return { ok: false, error: 'This modal is no longer open.' };
  const { values, missing } = stateFromInputs(existing.definition.blocks, input.inputs);
  const view = (await updateView(ctx.db, existing.id, { state: values }))!;
  if (Object.keys(missing).length > 0) return { ok: false, errors: missing };

  const payload = {
    ...payloadBase('view_submission', input.user),
    trigger_id: ctx.triggers.issue(input.user.id),
    view: viewObject(view),
    response_urls: [],
  };
  const reply = await ctx.app.post(payloadForm(payload), 'application/x-www-form-urlencoded');
  if (!reply.ok) return { ok: false, error: `We had some trouble connecting (${dispatchError(reply.reason)}). Try again?` };

  const answer = ackBody(reply.body);
  const action = answer?.response_action;
  const outcome = await applyResponseAction(ctx, view, action, answer);
  await publishModals(ctx, input.user.id);
  return outcome;
}

async function applyResponseAction(ctx: Ctx, view: ViewRow, action: unknown, answer: Record<string, unknown> | undefined): Promise<SubmitOutcome> {
  const stack = await modalStack(ctx.db, view.userId);
  if (action === 'errors') {
    const errors = (answer?.errors ?? {}) as Record<string, string>;
    return { ok: false, errors };
  }
  if (action === 'clear') {
    await closeViews(ctx.db, stack.map((v) => v.id));
    return { ok: true };
  }
  const next = answer?.view as Record<string, unknown> | undefined;
  const blocks = next ? normalizeBlocks(next.blocks ?? [], 100) : undefined;
  if ((action === 'update' || action === 'push') && next && blocks) {
    const definition = { ...next, blocks };
    if (action === 'update') {
      await updateView(ctx.db, view.id, { definition, hash: viewHash(), state: keepState(view.state, blocks) });
    } else {
      const id = slackId('V');
      await insertView(ctx.db, {
        id,
        teamId: TEAM.id,
        userId: view.userId,
        type: 'modal',
        appId: view.appId,
        botId: view.botId,
        definition,
        hash: viewHash(),
        rootViewId: view.rootViewId ?? view.id,
        previousViewId: view.id,
        stackPosition: (stack.at(-1)?.stackPosition ?? 0) + 1,
      });
    }
    return { ok: true };
  }
  // An empty ack (or anything else) closes the submitted view and any it had pushed.
  await closeViews(ctx.db, stack.filter((v) => (v.stackPosition ?? 0) >= (view.stackPosition ?? 0)).map((v) => v.id));
  return { ok: true };
}

/** The person closed (cancelled) a modal: it goes away, and the app hears of it if it asked to. */
export async function closeView(ctx: Ctx, input: { user: UserRow; viewId: string }): Promise<void> {
  const view = await getView(ctx.db, input.viewId);
  if (!view || view.userId !== input.user.id || view.stackPosition === null) return;
  const stack = await modalStack(ctx.db, view.userId);
  await closeViews(ctx.db, stack.filter((v) => (v.stackPosition ?? 0) >= view.stackPosition!).map((v) => v.id));
  await publishModals(ctx, view.userId);
  if (view.definition.notify_on_close === true) {
    const payload = { ...payloadBase('view_closed', input.user), view: viewObject(view), is_cleared: false };
    void ctx.app.post(payloadForm(payload), 'application/x-www-form-urlencoded');
  }
}
