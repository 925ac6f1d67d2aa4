import type { Ctx } from '../context.js';
import { channelByName, getChannel, isMember } from '../data/channels.js';
import type { ChannelRow, UserRow } from '../data/rows.js';
import { openDm } from '../messaging/open-dm.js';
import type { ApiCall } from './handler.js';
import { invalidArguments, SlackError } from './slack-error.js';

/** A channel id, "#name" / "name", or (where Slack allows it) a user id meaning the DM with them. */
export async function resolveChannel(ctx: Ctx, raw: string, caller: UserRow, allowUser: boolean): Promise<ChannelRow | undefined> {
  if (/^[CDG][A-Z0-9]+$/.test(raw)) return getChannel(ctx.db, raw);
  if (/^[UW][A-Z0-9]+$/.test(raw)) {
    if (!allowUser || !ctx.dir.user(raw)) return undefined;
    return (await openDm(ctx, caller.id, raw)).channel;
  }
  return channelByName(ctx.db, raw.replace(/^#/, '').toLowerCase());
}

/** The channel argument, or channel_not_found (also for DMs the caller is not part of). */
export async function channelArg(call: ApiCall, opts: { name?: string; allowUser?: boolean } = {}): Promise<ChannelRow> {
  const name = opts.name ?? 'channel';
  const raw = call.args.string(name);
  if (raw === undefined) {
    if (name === 'channel') throw new SlackError('channel_not_found');
    throw invalidArguments(`missing required field: ${name}`);
  }
  const channel = await resolveChannel(call.ctx, raw, call.caller, opts.allowUser ?? false);
  if (!channel) throw new SlackError('channel_not_found');
  if (channel.isIm && !(await isMember(call.ctx.db, channel.id, call.caller.id))) throw new SlackError('channel_not_found');
  return channel;
}

/** Posting needs membership (the app joins public channels itself with conversations.join). */
export async function requireMember(call: ApiCall, channel: ChannelRow): Promise<void> {
  if (channel.isArchived) throw new SlackError('is_archived');
  if (!(await isMember(call.ctx.db, channel.id, call.caller.id))) throw new SlackError('not_in_channel');
}
