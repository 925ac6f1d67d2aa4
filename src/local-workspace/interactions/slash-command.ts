import { TEAM, VERIFICATION_TOKEN, MAIN_APP } from '../constants.js';
import type { Ctx } from '../context.js';
import { createHook } from '../data/hooks.js';
import type { ChannelRow, UserRow } from '../data/rows.js';
import { ackBody, dispatchError } from '../delivery/payloads.js';
import { applyResponse } from './respond.js';

export type Outcome = { ok: true } | { ok: false; error: string };

/**
 * A person typed "/dept …": the command goes to the app form-encoded, as Slack sends it, with a
 * trigger_id (for a modal) and a response_url. A body in the app's ack is shown like a response.
 */
export async function runSlashCommand(ctx: Ctx, input: { user: UserRow; channel: ChannelRow; command: string; text: string; threadTs?: string | undefined }): Promise<Outcome> {
  const { user, channel } = input;
  const hookId = await createHook(ctx.db, { channelId: channel.id, userId: user.id, threadTs: input.threadTs, fromCommand: true });
  const form = new URLSearchParams({
    token: VERIFICATION_TOKEN,
    team_id: TEAM.id,
    team_domain: TEAM.domain,
    channel_id: channel.id,
    channel_name: channel.isIm ? 'directmessage' : channel.name!,
    user_id: user.id,
    user_name: user.name,
    command: input.command,
    text: input.text,
    api_app_id: MAIN_APP.appId,
    is_enterprise_install: 'false',
    response_url: `${ctx.base}hooks/response/${hookId}`,
    trigger_id: ctx.triggers.issue(user.id),
  });
  const reply = await ctx.app.post(form.toString(), 'application/x-www-form-urlencoded');
  if (!reply.ok) {
    ctx.logger.warn({ command: input.command, reason: reply.reason, status: reply.status }, 'local workspace: the app did not answer a slash command');
    return { ok: false, error: `${input.command} failed with the error "${dispatchError(reply.reason)}"` };
  }
  const body = ackBody(reply.body);
  if (body) await applyResponse(ctx, { hookId, fromCommand: true, channelId: channel.id, userId: user.id, threadTs: input.threadTs }, body).catch((err: unknown) => {
    ctx.logger.warn({ command: input.command, error: (err as Error).message }, 'local workspace: could not show the slash command answer');
  });
  return { ok: true };
}
