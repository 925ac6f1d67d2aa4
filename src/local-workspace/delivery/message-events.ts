import { MAIN_APP, TEAM } from '../constants.js';
import type { ChannelRow, MessageRow } from '../data/rows.js';
import type { EventEnvelope } from './event-envelope.js';

type Event = EventEnvelope['event'];

/** Does the text mention the app's bot user (<@U…> or <@U…|name>)? */
export const mentionsApp = (text: string): boolean => new RegExp(`<@${MAIN_APP.userId}(\\|[^>]*)?>`).test(text);

/**
 * The events Slack sends for a person's message: always `message` (message.channels / message.im),
 * and `app_mention` as well when the app is @mentioned. Replies carry thread_ts (and parent_user_id).
 */
export function messageEvents(channel: ChannelRow, m: MessageRow, parentUserId?: string): Event[] {
  const thread = m.threadTs && m.threadTs !== m.ts ? { thread_ts: m.threadTs } : {};
  const common = {
    ...(m.clientMsgId ? { client_msg_id: m.clientMsgId } : {}),
    text: m.text,
    user: m.userId!,
    ts: m.ts,
    team: TEAM.id,
    channel: channel.id,
    event_ts: m.ts,
    ...thread,
  };
  const events: Event[] = [
    { type: 'message', ...common, ...(m.threadTs && parentUserId ? { parent_user_id: parentUserId } : {}), channel_type: channel.isIm ? 'im' : channel.isPrivate ? 'group' : 'channel' },
  ];
  if (!channel.isIm && mentionsApp(m.text)) events.push({ type: 'app_mention', ...common });
  return events;
}
