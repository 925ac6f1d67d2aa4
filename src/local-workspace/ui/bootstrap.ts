import { MAIN_APP, TEAM } from '../constants.js';
import type { Ctx } from '../context.js';
import { channelsVisibleTo, imPartner } from '../data/channels.js';
import type { UserRow } from '../data/rows.js';
import { iconString } from '../options.js';
import { clientChannel } from './client-channel.js';

/** Everything the page needs to draw itself for one person: people, channels, agents, commands. */
export async function bootstrap(ctx: Ctx, me: UserRow) {
  const channels = await channelsVisibleTo(ctx.db, me.id);
  const dedicated = new Map(ctx.dir.all().filter((u) => u.agentId).map((u) => [u.agentId!, u.id]));
  return {
    team: { id: TEAM.id, name: TEAM.name },
    me: { id: me.id, name: me.realName },
    humans: ctx.dir.humans().map((h) => ({ id: h.id, name: h.realName, icon: h.icon })),
    users: Object.fromEntries(ctx.dir.all().map((u) => [u.id, { id: u.id, name: u.realName, handle: u.name, icon: u.icon, isBot: u.isBot, agentId: u.agentId }])),
    channels: channels.map((c) => clientChannel(ctx, c, me.id)),
    agents: ctx.agents.map((a) => ({ id: a.id, name: a.name, handle: a.handle, icon: iconString(a.icon) ?? null, userId: dedicated.get(a.id) ?? null })),
    app: { userId: MAIN_APP.userId, botId: MAIN_APP.botId, name: MAIN_APP.realName },
    commands: ctx.commands,
    // Where the page opens the first time: the DM with the app, where every message is answered.
    landing: channels.find((c) => c.isIm && imPartner(c, me.id) === MAIN_APP.userId)?.id ?? null,
    banner: ctx.guide.banner ?? null,
  };
}
