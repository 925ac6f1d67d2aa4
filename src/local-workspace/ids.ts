import { randomBytes, randomInt } from 'node:crypto';

const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const MIXED = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function pick(alphabet: string, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[randomInt(alphabet.length)];
  return out;
}

/** A Slack-looking id: prefix letter(s) then upper-case letters and digits (C…, D…, V…, Ev…). */
export const slackId = (prefix: string, length = 10): string => prefix + pick(UPPER, length);

/** A bot token this server recognises; the "local" in it tells anyone reading a log where it works. */
export const botToken = (): string => `xoxb-local-${randomBytes(16).toString('hex')}`;

/** Slack's trigger_id format: "<digits>.<digits>.<hex>". */
export const triggerId = (): string => `${randomInt(1e9, 1e10)}.${randomInt(1e8, 1e9)}.${randomBytes(16).toString('hex')}`;

/** Slack fills in missing block_id / action_id with short random strings like these. */
export const shortId = (): string => pick(MIXED, 5);

/** A view hash: changes on every update so views.update with a stale hash fails (hash_conflict). */
export const viewHash = (): string => `${Math.floor(Date.now() / 1000)}.${pick(MIXED, 8)}`;

export const hookId = (): string => randomBytes(18).toString('base64url');
