import type { Ctx } from '../context.js';
import type { Reaction } from '../data/reactions.js';
import type { MessageRow } from '../data/rows.js';
import { messageObject } from '../shapes/message-object.js';

export interface Author {
  name: string;
  /** ":emoji:" or an image URL. */
  icon: string | null;
  isBot: boolean;
}

/**
 * Who a message shows as: the persona it was posted with (chat:write.customize username and
 * icon), else its user or bot user.
 */
export function authorOf(ctx: Ctx, m: MessageRow): Author {
  const user = ctx.dir.user(m.userId) ?? ctx.dir.byBotId(m.botId);
  const personaIcon = m.icons?.emoji ?? m.icons?.image_48 ?? m.icons?.image_72 ?? m.icons?.image_36 ?? null;
  return {
    name: m.username ?? user?.realName ?? 'Unknown',
    icon: personaIcon ?? user?.icon ?? null,
    isBot: Boolean(m.botId) || Boolean(user?.isBot),
  };
}

/** The message as the web client gets it: Slack's shape plus channel, author and whether it is ephemeral. */
export function clientMessage(ctx: Ctx, m: MessageRow, reactions?: Reaction[]): Record<string, unknown> {
  return {
    ...messageObject(m, ctx.dir, { base: ctx.base, reactions }),
    channel: m.channelId,
    author: authorOf(ctx, m),
    ephemeral: m.visibleTo !== null,
  };
}
