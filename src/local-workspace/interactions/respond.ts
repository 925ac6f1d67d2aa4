import { SlackError } from '../api/slack-error.js';
import type { Ctx } from '../context.js';
import { getChannel } from '../data/channels.js';
import { deleteMessage, getMessage, updateMessage } from '../data/messages.js';
import type { MessageRow } from '../data/rows.js';
import { setHookMessage } from '../data/hooks.js';
import { postMessage } from '../messaging/post-message.js';
import { audienceOf, publishMessage } from '../messaging/publish.js';
import { normalizeBlocks } from '../shapes/normalize-blocks.js';

/** Where a response goes: the channel, person and message of the command or click it answers. */
export interface ResponseTarget {
  hookId?: string | undefined;
  /** A slash command's response_url: each response becomes what replace_original replaces. */
  fromCommand?: boolean;
  channelId: string;
  userId: string;
  messageTs?: string | null | undefined;
  threadTs?: string | null | undefined;
}

const yes = (v: unknown) => v === true || v === 'true';

/**
 * A message sent to a response_url (or returned in a slash command's ack): a new ephemeral or
 * in_channel message, or a replacement / deletion of the message the interaction came from.
 */
export async function applyResponse(ctx: Ctx, target: ResponseTarget, body: Record<string, unknown>): Promise<void> {
  const channel = await getChannel(ctx.db, target.channelId);
  if (!channel) throw new SlackError('channel_not_found');
  const original = target.messageTs ? await getMessage(ctx.db, channel.id, target.messageTs) : undefined;

  if (yes(body.delete_original)) {
    if (!original) throw new SlackError('message_not_found');
    await remove(ctx, original);
    return;
  }
  const text = typeof body.text === 'string' ? body.text : '';
  const blocks = body.blocks === undefined ? undefined : normalizeBlocks(body.blocks, 50);
  if (body.blocks !== undefined && !blocks) throw new SlackError('invalid_blocks');
  if (!text && !blocks?.length) throw new SlackError('no_text');

  if (yes(body.replace_original) && original) {
    const updated = (await updateMessage(ctx.db, channel.id, original.ts, { text, blocks: blocks?.length ? blocks : null, attachments: null }))!;
    await publishMessage(ctx, channel, updated, 'message_changed');
    return;
  }
  const threadTs = typeof body.thread_ts === 'string' ? body.thread_ts : (target.threadTs ?? undefined);
  const { message } = await postMessage(ctx, {
    channel,
    author: ctx.dir.mainBot,
    text,
    blocks: blocks?.length ? blocks : undefined,
    threadTs,
    visibleTo: body.response_type === 'in_channel' ? undefined : target.userId,
  });
  // A slash command's later replace_original replaces its last response (a click's, the clicked message).
  if (target.hookId && target.fromCommand) await setHookMessage(ctx.db, target.hookId, message.ts);
}

async function remove(ctx: Ctx, m: MessageRow): Promise<void> {
  const channel = (await getChannel(ctx.db, m.channelId))!;
  const { tombstone, parent } = await deleteMessage(ctx.db, m);
  if (tombstone) await publishMessage(ctx, channel, tombstone, 'message_changed');
  else ctx.hub.publish(await audienceOf(ctx, channel, m), { type: 'message_deleted', channel: channel.id, ts: m.ts, thread_ts: m.threadTs });
  if (parent) await publishMessage(ctx, channel, parent, 'message_changed');
}
