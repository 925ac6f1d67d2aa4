import type { Ctx } from '../context.js';
import type { UserRow } from '../data/rows.js';

/** A browser request's mistake: answered with its HTTP status and a message for the page. */
export class UiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** The person the browser tab acts as (`as`): one of the humans, never a bot. */
export function viewer(ctx: Ctx, as: unknown): UserRow {
  const user = typeof as === 'string' ? ctx.dir.user(as) : undefined;
  if (!user || user.isBot) throw new UiError(400, 'Pick one of the workspace\'s people (as=U…).');
  return user;
}
