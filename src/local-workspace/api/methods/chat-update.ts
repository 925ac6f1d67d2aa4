import { updateMessage } from '../../data/messages.js';
import { publishMessage } from '../../messaging/publish.js';
import { messageObject } from '../../shapes/message-object.js';
import { channelArg } from '../channel-arg.js';
import type { Handler } from '../handler.js';
import { ownMessage } from '../own-message.js';
import { messageContent } from '../message-content.js';
import { SlackError } from '../slack-error.js';

/** chat.update: the app edits one of its own messages (e.g. an approval card after a decision). */
export const chatUpdate: Handler = async (call) => {
  const { ctx, args, caller } = call;
  const channel = await channelArg(call);
  const existing = await ownMessage(call, channel, 'cant_update_message');
  const ts = existing.ts;
  const content = messageContent(args, { requireSome: false });
  // Slack keeps blocks and attachments that the update leaves out; an empty array removes them.
  const patch = {
    text: args.has('text') ? content.text : existing.text,
    blocks: args.has('blocks') ? (content.blocks ?? null) : existing.blocks,
    attachments: args.has('attachments') ? (content.attachments?.length ? content.attachments : null) : existing.attachments,
    metadata: content.metadata ?? existing.metadata,
    edited: { user: caller.id, ts: ctx.clock.next() },
  };
  if (!patch.text && !patch.blocks?.length && !patch.attachments?.length) throw new SlackError('no_text');
  const updated = (await updateMessage(ctx.db, channel.id, ts, patch))!;
  await publishMessage(ctx, channel, updated, 'message_changed');
  return { channel: channel.id, ts, text: updated.text, message: messageObject(updated, ctx.dir, { base: ctx.base, includeMetadata: true }) };
};
