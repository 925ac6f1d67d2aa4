import type { Ctx } from '../context.js';
import type { UserRow } from '../data/rows.js';
import type { Args } from './args.js';

/** One Web API call: the arguments and the bot user whose token made it. */
export interface ApiCall {
  ctx: Ctx;
  args: Args;
  caller: UserRow;
}

/** A Web API method: returns the success body (the router adds ok:true) or throws SlackError. */
export type Handler = (call: ApiCall) => Promise<Record<string, unknown>>;
