import { createHmac } from 'node:crypto';

/**
 * The headers a receiver checks a webhook call with: when it was sent (unix seconds, so a stale
 * or replayed call can be refused) and v1=hex(HMAC-SHA256(secret, "v1:<timestamp>:<raw body>")).
 * The README ("Publishing") shows the receiver's side; a test runs that snippet against these.
 */
export function webhookSignatureHeaders(secret: string, body: string, timestamp = Math.floor(Date.now() / 1000)): Record<string, string> {
  const hash = createHmac('sha256', secret).update(`v1:${timestamp}:${body}`).digest('hex');
  return { 'X-Dept-Timestamp': String(timestamp), 'X-Dept-Signature': `v1=${hash}` };
}
