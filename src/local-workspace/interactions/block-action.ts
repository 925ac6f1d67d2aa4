import type { Ctx } from '../context.js';
import { getChannel } from '../data/channels.js';
import { createHook } from '../data/hooks.js';
import { getMessage } from '../data/messages.js';
import type { UserRow } from '../data/rows.js';
import { getView, updateView } from '../data/views.js';
import { dispatchError, payloadBase, payloadForm } from '../delivery/payloads.js';
import { formatTs } from '../ts-clock.js';
import { messageObject } from '../shapes/message-object.js';
import { interactiveElements } from '../shapes/normalize-blocks.js';
import { viewObject } from '../shapes/view-object.js';
import type { Outcome } from './slash-command.js';
import { stateFromInputs, type RawInputs } from './view-state.js';

export interface ActionInput {
  user: UserRow;
  /** A click in a message… */
  channelId?: string | undefined;
  messageTs?: string | undefined;
  /** …or in a modal / the Home tab. */
  viewId?: string | undefined;
  blockId: string;
  actionId: string;
  /** The option chosen in a select or overflow menu. */
  selected?: string | undefined;
  /** A modal's inputs as they are at the click (its state.values). */
  inputs?: RawInputs | undefined;
}

type Obj = Record<string, unknown>;

/** The `actions[0]` Slack reports for the element: buttons with text/value/style, selects with the option. */
function actionOf(element: Obj, blockId: string, selected: string | undefined): Obj {
  const base = { action_id: element.action_id, block_id: blockId, type: element.type, action_ts: formatTs(Date.now() * 1000) };
  if (element.type === 'button') {
    return { ...base, text: element.text, ...(element.value !== undefined ? { value: element.value } : {}), ...(element.style ? { style: element.style } : {}) };
  }
  const options = [...((element.options as Obj[] | undefined) ?? []), ...((element.option_groups as Obj[] | undefined) ?? []).flatMap((g) => (g.options as Obj[]) ?? [])];
  const option = options.find((o) => o.value === selected);
  if (option) return { ...base, selected_option: { text: option.text, value: option.value }, ...(element.placeholder ? { placeholder: element.placeholder } : {}) };
  return { ...base, ...(selected !== undefined ? { value: selected } : {}) };
}

/**
 * A person clicked a button (or chose an option) in a message, modal or Home tab: the app gets a
 * block_actions payload in Slack's shape, with a fresh trigger_id and, for messages, a response_url.
 */
export async function clickAction(ctx: Ctx, input: ActionInput): Promise<Outcome> {
  const payload = input.viewId ? await fromView(ctx, input) : await fromMessage(ctx, input);
  if (typeof payload.error === 'string') return { ok: false, error: payload.error };
  const reply = await ctx.app.post(payloadForm(payload), 'application/x-www-form-urlencoded');
  if (!reply.ok) return { ok: false, error: `The app did not respond (${dispatchError(reply.reason)}). Is it running?` };
  return { ok: true };
}

async function fromMessage(ctx: Ctx, input: ActionInput): Promise<Obj | { error: string }> {
  const channel = input.channelId ? await getChannel(ctx.db, input.channelId) : undefined;
  const message = channel && input.messageTs ? await getMessage(ctx.db, channel.id, input.messageTs) : undefined;
  if (!channel || !message || (message.visibleTo && message.visibleTo !== input.user.id)) return { error: 'message_not_found' };
  const found = interactiveElements(message.blocks).find((e) => e.blockId === input.blockId && e.element.action_id === input.actionId);
  if (!found) return { error: 'action_not_found' };
  const isEphemeral = message.visibleTo !== null;
  const inThread = message.threadTs && message.threadTs !== message.ts;
  const hookId = await createHook(ctx.db, { channelId: channel.id, userId: input.user.id, messageTs: message.ts, threadTs: message.threadTs ?? undefined });
  const action = actionOf(found.element, found.blockId, input.selected);
  return {
    ...payloadBase('block_actions', input.user),
    container: { type: 'message', message_ts: message.ts, channel_id: channel.id, is_ephemeral: isEphemeral, ...(inThread ? { thread_ts: message.threadTs } : {}) },
    trigger_id: ctx.triggers.issue(input.user.id),
    channel: { id: channel.id, name: channel.isIm ? 'directmessage' : channel.name },
    // Slack leaves the message out for ephemeral ones: the app only knows them by the container.
    ...(isEphemeral ? {} : { message: messageObject(message, ctx.dir, { base: ctx.base }) }),
    state: { values: {} },
    response_url: `${ctx.base}hooks/response/${hookId}`,
    actions: [action],
  };
}

async function fromView(ctx: Ctx, input: ActionInput): Promise<Obj | { error: string }> {
  let view = await getView(ctx.db, input.viewId!);
  if (!view || view.userId !== input.user.id) return { error: 'view_not_found' };
  const found = interactiveElements(view.definition.blocks).find((e) => e.blockId === input.blockId && e.element.action_id === input.actionId);
  if (!found) return { error: 'action_not_found' };
  if (input.inputs) view = (await updateView(ctx.db, view.id, { state: stateFromInputs(view.definition.blocks, input.inputs).values }))!;
  return {
    ...payloadBase('block_actions', input.user),
    container: { type: 'view', view_id: view.id },
    trigger_id: ctx.triggers.issue(input.user.id),
    view: viewObject(view),
    actions: [actionOf(found.element, found.blockId, input.selected)],
  };
}
