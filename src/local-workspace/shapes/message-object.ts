import { TEAM } from '../constants.js';
import type { Directory } from '../data/directory.js';
import type { Reaction } from '../data/reactions.js';
import type { MessageRow } from '../data/rows.js';
import { botObject } from './user-object.js';

export interface MessageShapeOptions {
  base: string;
  /** Slack returns metadata only when asked (include_all_metadata) and on the post itself. */
  includeMetadata?: boolean;
  reactions?: Reaction[] | undefined;
  /** A reply's parent author (conversations.replies, events). */
  parentUserId?: string | undefined;
}

/** A message as Slack's Web API and events show it. */
export function messageObject(m: MessageRow, dir: Directory, opts: MessageShapeOptions): Record<string, unknown> {
  const o: Record<string, unknown> = { type: 'message' };
  if (m.subtype) o.subtype = m.subtype;
  o.text = m.text;
  if (m.userId) o.user = m.userId;
  if (m.botId) {
    o.bot_id = m.botId;
    if (m.appId) o.app_id = m.appId;
    const bot = dir.byBotId(m.botId);
    if (bot) o.bot_profile = botObject(bot, opts.base);
  }
  if (m.username) o.username = m.username;
  if (m.icons) o.icons = m.icons;
  o.ts = m.ts;
  o.team = TEAM.id;
  if (m.clientMsgId) o.client_msg_id = m.clientMsgId;
  if (m.blocks) o.blocks = m.blocks;
  if (m.attachments) o.attachments = m.attachments;
  if (m.edited) o.edited = m.edited;
  if (m.threadTs) {
    o.thread_ts = m.threadTs;
    if (m.threadTs === m.ts) {
      o.reply_count = m.replyCount;
      o.reply_users_count = m.replyUsers.length;
      o.latest_reply = m.latestReply ?? m.ts;
      o.reply_users = m.replyUsers;
      o.is_locked = false;
      o.subscribed = false;
    } else if (opts.parentUserId) {
      o.parent_user_id = opts.parentUserId;
    }
  }
  if (opts.includeMetadata && m.metadata) o.metadata = m.metadata;
  if (opts.reactions?.length) o.reactions = opts.reactions;
  return o;
}
