import { createHmac, timingSafeEqual } from 'node:crypto';

/** Slack refuses requests dated more than five minutes from now, either way: so do we. */
export const SIGNATURE_MAX_SKEW_SECONDS = 5 * 60;

/** Signs a request body exactly as Slack does (v0 HMAC-SHA256 of "v0:timestamp:body"). */
export function slackSignatureHeaders(signingSecret: string, body: string, timestamp = Math.floor(Date.now() / 1000)) {
  return { 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': `v0=${signatureHash(signingSecret, timestamp, body)}` };
}

/**
 * Checks a request's v0 signature and its timestamp, which must be within five minutes of now in
 * either direction (a request dated in the future could otherwise be replayed until it goes stale).
 * Returns why the request is refused, or undefined when it is Slack's.
 */
export function slackSignatureProblem(
  signingSecret: string,
  headers: { timestamp: string | undefined; signature: string | undefined },
  body: string,
  nowMs = Date.now(),
): string | undefined {
  if (!headers.timestamp || !headers.signature) return 'x-slack-request-timestamp or x-slack-signature is missing';
  if (!/^\d{1,12}$/.test(headers.timestamp)) return 'x-slack-request-timestamp is not a number of seconds';
  const timestamp = Number(headers.timestamp);
  const skew = timestamp - Math.floor(nowMs / 1000);
  if (skew < -SIGNATURE_MAX_SKEW_SECONDS) return 'x-slack-request-timestamp is more than 5 minutes old (stale or replayed request)';
  if (skew > SIGNATURE_MAX_SKEW_SECONDS) return 'x-slack-request-timestamp is more than 5 minutes in the future (check the sender\'s clock)';
  const [version, hash] = headers.signature.split('=', 2);
  if (version !== 'v0' || !hash) return 'x-slack-signature is not a v0 signature';
  const expected = Buffer.from(signatureHash(signingSecret, timestamp, body), 'hex');
  const given = Buffer.from(hash, 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'signature mismatch (wrong signing secret, or the body was changed)';
  return undefined;
}

function signatureHash(signingSecret: string, timestamp: number, body: string): string {
  return createHmac('sha256', signingSecret).update(`v0:${timestamp}:${body}`).digest('hex');
}
