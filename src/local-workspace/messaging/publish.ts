import type { Ctx } from '../context.js';
import { memberIds } from '../data/channels.js';
import { reactionsFor } from '../data/reactions.js';
import type { ChannelRow, MessageRow } from '../data/rows.js';
import type { Audience } from '../live/hub.js';
import { clientMessage } from './client-message.js';

/** Who may see a message live: the ephemeral's person, a DM's members, or everyone. */
export async function audienceOf(ctx: Ctx, channel: ChannelRow, m?: MessageRow): Promise<Audience> {
  if (m?.visibleTo) return [m.visibleTo];
  return channel.isIm ? memberIds(ctx.db, channel.id) : 'all';
}

/** Pushes a new or changed message (with its reactions) to the browsers that may see it. */
export async function publishMessage(ctx: Ctx, channel: ChannelRow, m: MessageRow, type: 'message' | 'message_changed'): Promise<void> {
  const reactions = (await reactionsFor(ctx.db, m.channelId, [m.ts])).get(m.ts);
  ctx.hub.publish(await audienceOf(ctx, channel, m), { type, message: clientMessage(ctx, m, reactions) });
}
