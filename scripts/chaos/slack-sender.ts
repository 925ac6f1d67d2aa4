import { slackSignatureHeaders } from '../../src/lib/slack-signature.js';

export interface SenderOptions {
  url: string;
  signingSecret: string;
  /** No answer within this is Slack's http_timeout. */
  ackTimeoutMs: number;
  /** Delay before each retry; Slack makes three. */
  retryDelaysMs: number[];
}

export interface Delivery {
  /** A 2xx came back (the event is Slack's business no more). */
  acked: boolean;
  attempts: number;
  /** Failure reasons in order, as Slack names them in x-slack-retry-reason. */
  failures: string[];
  /** ms from the first attempt to the 2xx. */
  ackMs?: number | undefined;
}

/**
 * Sends one event the way Slack's Events API delivers it (https://docs.slack.dev/apis/events-api,
 * its failure conditions and retries; formerly api.slack.com/events-api#failure_conditions): a
 * request answered with a non-2xx status (http_error), that cannot connect (connection_failed) or
 * that gets no answer within 3 seconds (http_timeout) has failed, and Slack retries the same
 * event_id up to three times with growing delays (nearly at once, after 1 minute, after 5
 * minutes), each retry carrying x-slack-retry-num (1, 2, 3) and x-slack-retry-reason, and signed
 * anew. A 2xx ends it: Slack does not resend an event it got a 2xx for.
 */
export async function sendLikeSlack(envelope: Record<string, unknown>, o: SenderOptions): Promise<Delivery> {
  const body = JSON.stringify(envelope);
  const failures: string[] = [];
  const started = performance.now();
  for (let attempt = 0; attempt <= o.retryDelaysMs.length; attempt++) {
    if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, o.retryDelaysMs[attempt - 1]));
    const retry: Record<string, string> = attempt > 0 ? { 'x-slack-retry-num': String(attempt), 'x-slack-retry-reason': failures.at(-1)! } : {};
    try {
      const res = await fetch(o.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...slackSignatureHeaders(o.signingSecret, body), ...retry },
        body,
        signal: AbortSignal.timeout(o.ackTimeoutMs),
      });
      await res.arrayBuffer().catch(() => undefined);
      if (res.status >= 200 && res.status < 300) {
        return { acked: true, attempts: attempt + 1, failures, ackMs: performance.now() - started };
      }
      failures.push('http_error');
    } catch (err) {
      failures.push(isTimeout(err) ? 'http_timeout' : 'connection_failed');
    }
  }
  return { acked: false, attempts: o.retryDelaysMs.length + 1, failures };
}

function isTimeout(err: unknown): boolean {
  const e = err as { name?: string; cause?: { name?: string } };
  return e.name === 'TimeoutError' || e.cause?.name === 'TimeoutError' || e.name === 'AbortError';
}
