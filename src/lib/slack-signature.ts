import { createHmac } from 'node:crypto';

/** Signs a request body exactly as Slack does (v0 HMAC-SHA256 of "v0:timestamp:body"). */
export function slackSignatureHeaders(signingSecret: string, body: string, timestamp = Math.floor(Date.now() / 1000)) {
  const signature = `v0=${createHmac('sha256', signingSecret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
  return { 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': signature };
}
