import type { Ctx } from '../context.js';
import type { UserRow } from '../data/rows.js';
import { clickAction } from '../interactions/block-action.js';
import { openHome } from '../interactions/home-opened.js';
import { runSlashCommand } from '../interactions/slash-command.js';
import { closeView, submitView } from '../interactions/view-submit.js';
import type { RawInputs } from '../interactions/view-state.js';
import { clientMessage } from '../messaging/client-message.js';
import { deleteHumanMessage, editHumanMessage } from '../messaging/human-change.js';
import { postHumanMessage } from '../messaging/human-message.js';
import { viewObject } from '../shapes/view-object.js';
import { readableChannel } from './read.js';
import { UiError } from './viewer.js';

type Body = Record<string, unknown>;

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const inputs = (v: unknown): RawInputs => (typeof v === 'object' && v !== null ? (v as RawInputs) : {});

/**
 * The person writes a message. The text is already in Slack's format (the page escapes &, < and >
 * and turns chosen mentions into <@U…>), as Slack's own client sends it.
 */
export async function sendMessage(ctx: Ctx, me: UserRow, channelId: string, body: Body) {
  const channel = await readableChannel(ctx, me, channelId);
  const text = str(body.text)?.trim();
  if (!text) throw new UiError(400, 'Write something first.');
  if (text.length > 40_000) throw new UiError(400, 'That message is too long.');
  const message = await postHumanMessage(ctx, { user: me, channel, text, threadTs: str(body.thread_ts) });
  return { message: clientMessage(ctx, message) };
}

/** The person edits one of their messages (Slack's format, as sendMessage). */
export async function editMessage(ctx: Ctx, me: UserRow, channelId: string, ts: string, body: Body) {
  const channel = await readableChannel(ctx, me, channelId);
  const text = str(body.text)?.trim();
  if (!text) throw new UiError(400, 'Write something first, or delete the message.');
  if (text.length > 40_000) throw new UiError(400, 'That message is too long.');
  const message = await editHumanMessage(ctx, { user: me, channel, ts, text });
  return { message: clientMessage(ctx, message) };
}

export async function deleteMessage(ctx: Ctx, me: UserRow, channelId: string, ts: string) {
  const channel = await readableChannel(ctx, me, channelId);
  await deleteHumanMessage(ctx, { user: me, channel, ts });
  return {};
}

/** "/dept …" typed in the composer. */
export async function sendCommand(ctx: Ctx, me: UserRow, channelId: string, body: Body) {
  const channel = await readableChannel(ctx, me, channelId);
  const command = str(body.command);
  if (!command || !ctx.commands.includes(command)) throw new UiError(400, `${command ?? 'That'} is not a command here. Try ${ctx.commands.join(', ')}.`);
  return runSlashCommand(ctx, { user: me, channel, command, text: str(body.text) ?? '', threadTs: str(body.thread_ts) });
}

/** A click on a button or a choice in a select, in a message, modal or the Home tab. */
export async function sendAction(ctx: Ctx, me: UserRow, body: Body) {
  const blockId = str(body.block_id);
  const actionId = str(body.action_id);
  if (!blockId || !actionId) throw new UiError(400, 'block_id and action_id are required.');
  const selected = Array.isArray(body.selected) ? str(body.selected[0]) : str(body.selected);
  return clickAction(ctx, {
    user: me,
    channelId: str(body.channel),
    messageTs: str(body.message_ts),
    viewId: str(body.view_id),
    blockId,
    actionId,
    selected,
    inputs: body.inputs === undefined ? undefined : inputs(body.inputs),
  });
}

export const submit = (ctx: Ctx, me: UserRow, viewId: string, body: Body) => submitView(ctx, { user: me, viewId, inputs: inputs(body.inputs) });

export async function close(ctx: Ctx, me: UserRow, viewId: string) {
  await closeView(ctx, { user: me, viewId });
  return { ok: true };
}

export async function home(ctx: Ctx, me: UserRow) {
  const view = await openHome(ctx, me);
  return { home: view ? viewObject(view) : null };
}
