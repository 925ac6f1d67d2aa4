import { botObject } from '../../shapes/user-object.js';
import type { Handler } from '../handler.js';
import { SlackError } from '../slack-error.js';

/** bots.info: a bot's name, app and icons. */
export const botsInfo: Handler = async ({ ctx, args }) => {
  const bot = ctx.dir.byBotId(args.string('bot'));
  if (!bot) throw new SlackError('bot_not_found');
  return { bot: botObject(bot, ctx.base) };
};
