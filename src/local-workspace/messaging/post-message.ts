import { SlackError } from '../api/slack-error.js';
import type { Ctx } from '../context.js';
import { getMessage, insertMessage } from '../data/messages.js';
import type { ChannelRow, MessageRow, UserRow } from '../data/rows.js';
import { publishMessage } from './publish.js';

export interface PostInput {
  channel: ChannelRow;
  author: UserRow;
  text: string;
  blocks?: unknown[] | undefined;
  attachments?: unknown[] | undefined;
  metadata?: { event_type: string; event_payload: Record<string, unknown> } | undefined;
  threadTs?: string | undefined;
  /** Persona overrides (chat:write.customize). */
  username?: string | undefined;
  icons?: Record<string, string> | undefined;
  /** Ephemeral: only this person sees it. */
  visibleTo?: string | undefined;
  subtype?: string | undefined;
  clientMsgId?: string | undefined;
}

/**
 * Posts a message into a channel or thread, from a person or a bot, and shows it in the open
 * browsers. Every way a message appears (Web API, response_url, the web client) comes through here.
 */
export async function postMessage(ctx: Ctx, input: PostInput): Promise<{ message: MessageRow; parent?: MessageRow | undefined }> {
  let threadTs = input.threadTs;
  if (threadTs) {
    const parent = await getMessage(ctx.db, input.channel.id, threadTs);
    if (!parent || parent.visibleTo) throw new SlackError('thread_not_found');
    // Slack's advice is to reply to the parent; a reply to a reply lands in the same thread.
    if (parent.threadTs && parent.threadTs !== parent.ts) threadTs = parent.threadTs;
  }
  const author = input.author;
  const { message, parent } = await insertMessage(ctx.db, {
    channelId: input.channel.id,
    ts: ctx.clock.next(),
    threadTs: threadTs ?? null,
    userId: author.id,
    botId: author.isBot ? author.botId : null,
    appId: author.isBot ? author.appId : null,
    subtype: input.subtype ?? (author.isBot && input.username ? 'bot_message' : null),
    username: input.username ?? null,
    icons: input.icons ?? null,
    text: input.text,
    blocks: input.blocks ?? null,
    attachments: input.attachments ?? null,
    metadata: input.metadata ?? null,
    clientMsgId: input.clientMsgId ?? null,
    visibleTo: input.visibleTo ?? null,
  });
  await publishMessage(ctx, input.channel, message, 'message');
  if (parent) await publishMessage(ctx, input.channel, parent, 'message_changed');
  return { message, parent };
}
