import { MAIN_APP } from '../constants.js';
import type { Ctx } from '../context.js';
import { imPartner } from '../data/channels.js';
import type { ChannelRow } from '../data/rows.js';

/** A sidebar entry: a channel, or a DM labelled with the other person's name. */
export function clientChannel(ctx: Ctx, c: ChannelRow, viewerId: string) {
  const partner = c.isIm ? imPartner(c, viewerId) : undefined;
  return {
    id: c.id,
    name: c.name ?? null,
    isIm: c.isIm,
    partner: partner ?? null,
    label: c.isIm ? (ctx.dir.user(partner)?.realName ?? 'Direct message') : c.name!,
    topic: c.topic,
    pinned: partner === MAIN_APP.userId && ctx.guide.welcome ? { text: ctx.guide.welcome, author: MAIN_APP.userId } : null,
  };
}
