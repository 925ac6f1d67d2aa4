import type { Logger } from 'pino';
import { slackSignatureHeaders } from '../../lib/slack-signature.js';

/** What the app answered: its status and body (an ack may carry a response, e.g. modal errors). */
export type AppReply = { ok: true; status: number; body: string } | { ok: false; reason: 'http_timeout' | 'connection_failed' | 'http_error'; status?: number };

export interface AppLinkOptions {
  appUrl: string;
  signingSecret: string;
  logger: Logger;
  /** Waits before each retry of an event; Slack retries three times. */
  retryDelaysMs: number[];
  /** Slack gives up on an answer after 3 s. */
  timeoutMs?: number;
}

/**
 * The wire to the app's POST /slack/events, signed as Slack signs. Events are retried like
 * Slack's (x-slack-retry-num / x-slack-retry-reason); commands and interactions are sent once,
 * since Slack tells the person instead of retrying those.
 */
export class AppLink {
  private readonly timers = new Map<NodeJS.Timeout, (go: boolean) => void>();
  private stopped = false;

  constructor(private readonly opts: AppLinkOptions) {}

  /** One signed POST; never throws. */
  async post(body: string, contentType: string, extraHeaders: Record<string, string> = {}): Promise<AppReply> {
    try {
      const res = await fetch(this.opts.appUrl, {
        method: 'POST',
        headers: { 'content-type': contentType, 'user-agent': 'Slackbot 1.0 (+https://api.slack.com/robots)', ...extraHeaders, ...slackSignatureHeaders(this.opts.signingSecret, body) },
        body,
        signal: AbortSignal.timeout(this.opts.timeoutMs ?? 3_000),
      });
      const text = await res.text();
      return res.status === 200 ? { ok: true, status: 200, body: text } : { ok: false, reason: 'http_error', status: res.status };
    } catch (err) {
      const name = (err as Error).name;
      return { ok: false, reason: name === 'TimeoutError' || name === 'AbortError' ? 'http_timeout' : 'connection_failed' };
    }
  }

  /** Sends an Events API envelope, retrying on failure; resolves true once the app took it. */
  async sendEvent(envelope: { event_id: string; event: { type: string } }): Promise<boolean> {
    const body = JSON.stringify(envelope);
    const log = { event_id: envelope.event_id, type: envelope.event.type };
    let reply = await this.post(body, 'application/json');
    for (let i = 0; !reply.ok && i < this.opts.retryDelaysMs.length; i++) {
      this.opts.logger.warn({ ...log, reason: reply.reason, status: reply.ok ? undefined : reply.status, retry_in_ms: this.opts.retryDelaysMs[i] }, 'local workspace: the app did not take an event; retrying');
      if (!(await this.wait(this.opts.retryDelaysMs[i]!))) return false;
      reply = await this.post(body, 'application/json', { 'x-slack-retry-num': String(i + 1), 'x-slack-retry-reason': reply.reason });
    }
    if (!reply.ok) this.opts.logger.error({ ...log, app: this.opts.appUrl }, 'local workspace: gave up delivering an event; is the app running?');
    return reply.ok;
  }

  /** Cancels pending retries. */
  stop(): void {
    this.stopped = true;
    for (const [timer, resolve] of this.timers) {
      clearTimeout(timer);
      resolve(false);
    }
    this.timers.clear();
  }

  private wait(ms: number): Promise<boolean> {
    if (this.stopped) return Promise.resolve(false);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        resolve(!this.stopped);
      }, ms);
      this.timers.set(timer, resolve);
    });
  }
}
