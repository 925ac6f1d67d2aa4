import type { Ctx } from '../context.js';
import { getChannel, isMember } from '../data/channels.js';
import { getMessage, history, replies } from '../data/messages.js';
import { reactionsFor } from '../data/reactions.js';
import type { ChannelRow, MessageRow, UserRow } from '../data/rows.js';
import { homeView, modalStack } from '../data/views.js';
import { MAIN_APP } from '../constants.js';
import { clientMessage } from '../messaging/client-message.js';
import { toMicros } from '../ts-clock.js';
import { viewObject } from '../shapes/view-object.js';
import { UiError } from './viewer.js';

const PAGE = 200;

/** A channel the person may read: any public channel, or a DM they are in. */
export async function readableChannel(ctx: Ctx, me: UserRow, channelId: string): Promise<ChannelRow> {
  const channel = await getChannel(ctx.db, channelId);
  if (!channel || (channel.isIm && !(await isMember(ctx.db, channel.id, me.id)))) throw new UiError(404, 'No such channel.');
  return channel;
}

async function withReactions(ctx: Ctx, channelId: string, rows: MessageRow[]) {
  const sorted = rows.sort((a, b) => toMicros(a.ts) - toMicros(b.ts));
  const reactions = await reactionsFor(ctx.db, channelId, sorted.map((m) => m.ts));
  return sorted.map((m) => clientMessage(ctx, m, reactions.get(m.ts)));
}

/**
 * The channel's latest top-level messages, oldest first. Ephemeral messages are not among them: as
 * in Slack they reach the page live, while it is open, and a reload does not bring them back.
 */
export async function channelMessages(ctx: Ctx, me: UserRow, channelId: string) {
  const channel = await readableChannel(ctx, me, channelId);
  const { messages, hasMore } = await history(ctx.db, channel.id, { limit: PAGE });
  return { channel: channel.id, hasMore, messages: await withReactions(ctx, channel.id, messages) };
}

/** A thread: parent and replies (ephemeral ones only live, as above). */
export async function threadMessages(ctx: Ctx, me: UserRow, channelId: string, ts: string) {
  const channel = await readableChannel(ctx, me, channelId);
  const parent = await getMessage(ctx.db, channel.id, ts);
  if (!parent || (parent.visibleTo && parent.visibleTo !== me.id)) throw new UiError(404, 'No such thread.');
  const { messages } = await replies(ctx.db, channel.id, ts, { limit: 1000 });
  return { channel: channel.id, thread_ts: ts, messages: await withReactions(ctx, channel.id, [parent, ...messages]) };
}

/** The person's open modals (top one last) and their App Home. */
export async function views(ctx: Ctx, me: UserRow) {
  const [stack, home] = await Promise.all([modalStack(ctx.db, me.id), homeView(ctx.db, me.id, MAIN_APP.appId)]);
  return { modals: stack.map(viewObject), home: home ? viewObject(home) : null };
}
