import { randomBytes } from 'node:crypto';
import { slackSignatureHeaders } from '../../src/lib/slack-signature.js';

let seq = 0;

/** An event_callback envelope as Slack's Events API sends it, around `event`. */
export function eventEnvelope<E extends Record<string, unknown>>(botUserId: string, event: E) {
  return {
    token: 'x',
    team_id: 'T0TEAM',
    api_app_id: 'A0APP',
    type: 'event_callback',
    event_id: `Ev${randomBytes(5).toString('hex')}`,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: 'T0TEAM', user_id: botUserId, is_bot: true }],
    event,
  };
}

/** An app_mention envelope as Slack's Events API sends it. */
export function appMention(botUserId: string, text: string, opts: { channel?: string } = {}) {
  const ts = `1800000000.${String(++seq).padStart(6, '0')}`;
  return eventEnvelope(botUserId, { type: 'app_mention', user: 'U0HUMAN', text: `<@${botUserId}> ${text}`, ts, channel: opts.channel ?? 'C0CONTENT', event_ts: ts });
}

/** POSTs a body to /slack/events signed with the app's signing secret. */
export function sendSigned(port: number, secret: string, payload: unknown): Promise<Response> {
  const body = JSON.stringify(payload);
  return fetch(`http://127.0.0.1:${port}/slack/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...slackSignatureHeaders(secret, body) },
    body,
  });
}

/** Polls until check() is true; fails with what it waited for. */
export async function until(check: () => boolean | Promise<boolean>, what: string, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** POSTs form fields to /slack/events signed with the app's signing secret: slash commands and interactivity. */
export function sendSignedForm(port: number, secret: string, fields: Record<string, string>): Promise<Response> {
  const body = new URLSearchParams(fields).toString();
  return fetch(`http://127.0.0.1:${port}/slack/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...slackSignatureHeaders(secret, body) },
    body,
  });
}
