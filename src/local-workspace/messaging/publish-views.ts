import type { Ctx } from '../context.js';
import { modalStack } from '../data/views.js';
import type { ViewRow } from '../data/rows.js';
import { viewObject } from '../shapes/view-object.js';

/** Shows the person's current modal stack (empty: no modal) in their browser. */
export async function publishModals(ctx: Ctx, userId: string): Promise<void> {
  const stack = await modalStack(ctx.db, userId);
  ctx.hub.publish([userId], { type: 'views', modals: stack.map(viewObject) });
}

export function publishHome(ctx: Ctx, view: ViewRow): void {
  ctx.hub.publish([view.userId], { type: 'home', view: viewObject(view) });
}
