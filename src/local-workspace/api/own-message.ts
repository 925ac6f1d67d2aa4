import { getMessage } from '../data/messages.js';
import type { ChannelRow } from '../data/rows.js';
import type { ApiCall } from './handler.js';
import { SlackError } from './slack-error.js';

/**
 * The message chat.update / chat.delete act on: it must exist, be visible to everyone, and have
 * been posted by the calling app (Slack's rule), else Slack's error for that method.
 */
export async function ownMessage(call: ApiCall, channel: ChannelRow, notOwn: 'cant_update_message' | 'cant_delete_message') {
  const ts = call.args.string('ts');
  if (!ts) throw new SlackError('message_not_found');
  const message = await getMessage(call.ctx.db, channel.id, ts);
  if (!message || message.visibleTo || message.subtype === 'tombstone') throw new SlackError('message_not_found');
  if (!message.botId || message.botId !== call.caller.botId) throw new SlackError(notOwn);
  return message;
}
