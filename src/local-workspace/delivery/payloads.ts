import { MAIN_APP, TEAM, VERIFICATION_TOKEN } from '../constants.js';
import type { UserRow } from '../data/rows.js';

/** The `user` object of interaction payloads. */
export const payloadUser = (u: UserRow) => ({ id: u.id, username: u.name, name: u.name, team_id: TEAM.id });

/** Fields every interaction payload starts with. */
export const payloadBase = (type: string, u: UserRow) => ({
  type,
  user: payloadUser(u),
  api_app_id: MAIN_APP.appId,
  token: VERIFICATION_TOKEN,
  team: { id: TEAM.id, domain: TEAM.domain },
  enterprise: null,
  is_enterprise_install: false,
});

/** Interactivity is sent form-encoded with the JSON in one `payload` field. */
export const payloadForm = (payload: unknown): string => new URLSearchParams({ payload: JSON.stringify(payload) }).toString();

/** Parses an ack's body: JSON when it is JSON, else the text itself, else nothing. */
export function ackBody(body: string): Record<string, unknown> | undefined {
  if (!body.trim()) return undefined;
  try {
    const parsed: unknown = JSON.parse(body);
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  } catch {
    // plain text answers are shown as text, as Slack does for slash commands
  }
  return { text: body };
}

/** What the person sees when the app did not answer in time or failed (Slack's own wording). */
export function dispatchError(reason: string): string {
  return reason === 'http_timeout' ? 'operation_timeout' : 'dispatch_failed';
}
