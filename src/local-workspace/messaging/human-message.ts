import { randomUUID } from 'node:crypto';
import { MAIN_APP } from '../constants.js';
import type { Ctx } from '../context.js';
import { isMember } from '../data/channels.js';
import { getMessage } from '../data/messages.js';
import type { ChannelRow, MessageRow, UserRow } from '../data/rows.js';
import { eventEnvelope } from '../delivery/event-envelope.js';
import { messageEvents } from '../delivery/message-events.js';
import { postMessage } from './post-message.js';

/**
 * A person writes in a channel, DM or thread: the message is stored and shown, then delivered to
 * the app as Slack would (only where the app is a member). Delivery runs in the background with
 * retries; the person's message is there whether or not the app is up.
 */
export async function postHumanMessage(ctx: Ctx, input: { user: UserRow; channel: ChannelRow; text: string; threadTs?: string | undefined }): Promise<MessageRow> {
  const { message } = await postMessage(ctx, {
    channel: input.channel,
    author: input.user,
    text: input.text,
    threadTs: input.threadTs,
    clientMsgId: randomUUID(),
  });
  void deliver(ctx, input.channel, message);
  return message;
}

async function deliver(ctx: Ctx, channel: ChannelRow, m: MessageRow): Promise<void> {
  try {
    if (!(await isMember(ctx.db, channel.id, MAIN_APP.userId))) return;
    const parent = m.threadTs && m.threadTs !== m.ts ? await getMessage(ctx.db, channel.id, m.threadTs) : undefined;
    for (const event of messageEvents(channel, m, parent?.userId ?? undefined)) void ctx.app.sendEvent(eventEnvelope(event));
  } catch (err) {
    ctx.logger.error({ channel: channel.id, ts: m.ts, error: (err as Error).message }, 'local workspace: could not deliver a message event');
  }
}
