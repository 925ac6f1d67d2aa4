import type { Ctx } from '../context.js';
import { openIm } from '../data/channels.js';
import type { ChannelRow } from '../data/rows.js';
import { channelObject } from '../shapes/channel-object.js';

/** The DM between two users; a new one appears in both people's sidebars at once. */
export async function openDm(ctx: Ctx, a: string, b: string): Promise<{ channel: ChannelRow; created: boolean }> {
  const opened = await openIm(ctx.db, a, b, Math.floor(Date.now() / 1000));
  if (opened.created) {
    for (const viewer of [a, b]) ctx.hub.publish([viewer], { type: 'channel', channel: channelObject(opened.channel, viewer, { isMember: true }) });
  }
  return opened;
}
