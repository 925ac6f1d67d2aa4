import { addMember } from '../../data/channels.js';
import { postMessage } from '../../messaging/post-message.js';
import { channelObject } from '../../shapes/channel-object.js';
import { channelArg } from '../channel-arg.js';
import type { Handler } from '../handler.js';
import { SlackError } from '../slack-error.js';

/** conversations.join: the app joins a public channel to post in it (Slack shows "has joined"). */
export const conversationsJoin: Handler = async (call) => {
  const { ctx, caller } = call;
  const channel = await channelArg(call);
  if (channel.isIm || channel.isPrivate) throw new SlackError('method_not_supported_for_channel_type');
  if (channel.isArchived) throw new SlackError('is_archived');
  const joined = await addMember(ctx.db, channel.id, caller.id);
  const body = { channel: channelObject(channel, caller.id, { isMember: true }) };
  if (!joined) return { ...body, warning: 'already_in_channel', response_metadata: { warnings: ['already_in_channel'] } };
  await postMessage(ctx, { channel, author: caller, text: `<@${caller.id}> has joined the channel`, subtype: 'channel_join' });
  return body;
};
