import { MAIN_APP } from '../constants.js';
import type { Ctx } from '../context.js';
import { openIm } from '../data/channels.js';
import type { UserRow, ViewRow } from '../data/rows.js';
import { homeView } from '../data/views.js';
import { eventEnvelope } from '../delivery/event-envelope.js';
import { viewObject } from '../shapes/view-object.js';

/** A person opened the app's Home tab: the app hears app_home_opened (and may views.publish). */
export async function openHome(ctx: Ctx, user: UserRow): Promise<ViewRow | undefined> {
  const { channel } = await openIm(ctx.db, user.id, MAIN_APP.userId, Math.floor(Date.now() / 1000));
  const home = await homeView(ctx.db, user.id, MAIN_APP.appId);
  void ctx.app.sendEvent(
    eventEnvelope({
      type: 'app_home_opened',
      user: user.id,
      channel: channel.id,
      tab: 'home',
      event_ts: ctx.clock.next(),
      ...(home ? { view: viewObject(home) } : {}),
    }),
  );
  return home;
}
