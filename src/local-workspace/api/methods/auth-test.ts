import { TEAM } from '../../constants.js';
import type { Handler } from '../handler.js';

/** Who the token belongs to: the app learns its bot user and bot id from this at boot. */
export const authTest: Handler = async ({ ctx, caller }) => ({
  url: ctx.base,
  team: TEAM.name,
  user: caller.name,
  team_id: TEAM.id,
  user_id: caller.id,
  ...(caller.botId ? { bot_id: caller.botId } : {}),
  is_enterprise_install: false,
});
