import type { Logger } from 'pino';
import { errorLine } from '../lib/error-line.js';
import { withRetries } from '../lib/retry.js';
import type { PublicationRow } from '../store/publication-store.js';
import { webhookPayload } from './webhook-payload.js';
import { webhookSignatureHeaders } from './webhook-signature.js';

export interface WebhookOutcome {
  status: 'sent' | 'failed';
  /** "HTTP 200", or what went wrong, in words for the thread: "HTTP 503 after 4 attempts". */
  detail: string;
}

/** Sends a publication to the publishing webhook; never throws, the outcome says what happened. */
export interface WebhookOutlet {
  deliver(publication: PublicationRow): Promise<WebhookOutcome>;
}

export interface WebhookOutletOptions {
  url: string;
  secret: string;
  logger: Logger;
  /** Per attempt (default 10 s). */
  timeoutMs?: number;
  /** Waits before each retry of a 5xx, a 429 or a network failure (default 1 s, 5 s, 15 s: four attempts). */
  retryDelaysMs?: readonly number[];
}

/** A 5xx, a 429 or a network failure: the receiver may take it on a later attempt. */
class PassingFailure extends Error {}

/**
 * The webhook adapter: POSTs the publication as signed JSON to PUBLISH_WEBHOOK_URL. Redirects are
 * not followed (a POST would arrive as a GET, unsigned for its new address); a 4xx is not retried.
 */
export function createWebhookOutlet(opts: WebhookOutletOptions): WebhookOutlet {
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const delays = opts.retryDelaysMs ?? [1_000, 5_000, 15_000];
  const log = opts.logger.child({ component: 'publish-webhook' });

  async function postOnce(publicationId: string, body: string): Promise<number> {
    let res: Response;
    try {
      res = await fetch(opts.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'marketing-department-publisher', ...webhookSignatureHeaders(opts.secret, body) },
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (err) {
      const why = (err as Error).name === 'TimeoutError' ? `no answer within ${timeoutMs / 1000} s` : errorLine(err);
      log.warn({ publication: publicationId, error: why }, 'publishing webhook not reached');
      throw new PassingFailure(why);
    }
    // Read to the end so the connection is reused; kept short for the log.
    const answer = (await res.text().catch(() => '')).slice(0, 200);
    if (res.status >= 500 || res.status === 429) {
      log.warn({ publication: publicationId, status: res.status, answer }, 'publishing webhook failed');
      throw new PassingFailure(`HTTP ${res.status}`);
    }
    if (res.status >= 300) log.warn({ publication: publicationId, status: res.status, answer }, 'publishing webhook refused the publication');
    return res.status;
  }

  return {
    async deliver(publication) {
      const body = JSON.stringify(webhookPayload(publication));
      let attempts = 0;
      try {
        const status = await withRetries(() => (attempts++, postOnce(publication.id, body)), delays);
        return status < 300 ? { status: 'sent', detail: `HTTP ${status}` } : { status: 'failed', detail: refusal(status) };
      } catch (err) {
        return { status: 'failed', detail: `${(err as Error).message} after ${attempts} attempt${attempts === 1 ? '' : 's'}` };
      }
    },
  };
}

/** A final answer that is not a success, in words that say what to look at. */
function refusal(status: number): string {
  if (status < 400) return `HTTP ${status}, a redirect, not followed (set PUBLISH_WEBHOOK_URL to the address it points to)`;
  if (status === 401 || status === 403) return `HTTP ${status}, refused (does the receiver check the signature with the same PUBLISH_WEBHOOK_SECRET?)`;
  return `HTTP ${status}, refused by the receiver`;
}
