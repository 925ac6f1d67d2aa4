import { getMessage } from '../../data/messages.js';
import { addReaction } from '../../data/reactions.js';
import { publishMessage } from '../../messaging/publish.js';
import { channelArg } from '../channel-arg.js';
import type { Handler } from '../handler.js';
import { SlackError } from '../slack-error.js';

/** reactions.add: an emoji reaction on a message (e.g. :eyes: while an agent works). */
export const reactionsAdd: Handler = async (call) => {
  const { ctx, args, caller } = call;
  const channel = await channelArg(call);
  const ts = args.string('timestamp');
  if (!ts) throw new SlackError('no_item_specified');
  const name = (args.string('name') ?? '').replace(/^:|:$/g, '');
  if (!/^[a-z0-9_+'-]+(::skin-tone-[2-6])?$/.test(name)) throw new SlackError('invalid_name');
  const message = await getMessage(ctx.db, channel.id, ts);
  if (!message || message.visibleTo) throw new SlackError('message_not_found');
  if (!(await addReaction(ctx.db, channel.id, ts, name, caller.id))) throw new SlackError('already_reacted');
  await publishMessage(ctx, channel, message, 'message_changed');
  return {};
};
