import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { parse as parseQuery } from 'node:querystring';
import {
  HTTPModuleFunctions as bolt,
  HTTPReceiver,
  defaultBodyLimit,
  type App,
  type BufferedIncomingMessage,
  type CustomRoute,
  type Logger as SlackLogger,
} from '@slack/bolt';
import type { Logger } from 'pino';
import { slackSignatureProblem } from '../../lib/slack-signature.js';
import { checkBody, type SlackBody } from './check-body.js';
import { settleWithin } from '../../lib/settle-within.js';

export const EVENTS_PATH = '/slack/events';
/** Slack gives up on an answer after 3 s; answer 500 a little before, so the retry is ours to ask for. */
export const RECORD_DEADLINE_MS = 2_500;

export interface EdgeReceiverOptions {
  signingSecret: string;
  port: number;
  customRoutes: CustomRoute[];
  /** Bolt's own lines. */
  boltLogger: SlackLogger;
  /** The edge's lines: one per refused request or unrecorded event. */
  logger: Logger;
  recordDeadlineMs?: number;
}

/**
 * Bolt's HTTPReceiver with a gate in front of POST /slack/events. The gate reads and verifies the
 * request itself (a timestamp more than 5 minutes off either way is refused, 401), refuses with
 * 400 any signed body Bolt or our listeners could not handle, and records events before
 * answering: an event_callback gets its 200 only once its listeners are done, i.e. once ingest has
 * committed its row; if recording fails it gets 500 and Slack sends it again. Everything else
 * (url_verification, ssl_check, slash commands, interactivity) goes on to Bolt, which acks those
 * first as Slack's 3-second limit requires; it finds the body already read (req.rawBody).
 */
export class EdgeReceiver extends HTTPReceiver {
  private boltApp: App | undefined;
  private readonly log: Logger;

  constructor(private readonly edge: EdgeReceiverOptions) {
    super({
      signingSecret: edge.signingSecret,
      endpoints: EVENTS_PATH,
      port: edge.port,
      customRoutes: edge.customRoutes,
      logger: edge.boltLogger,
      processBeforeResponse: false, // commands and interactivity: ack first, work after
    });
    this.log = edge.logger.child({ component: 'slack-edge' });
    const boltListener = this.requestListener;
    this.requestListener = (req, res) => {
      if (req.method === 'POST' && pathOf(req) === EVENTS_PATH) void this.gate(req, res, boltListener);
      else boltListener(req, res); // /healthz and 404s; throws are answered by Bolt's dispatchErrorHandler
    };
  }

  override init(app: App): void {
    super.init(app);
    this.boltApp = app;
  }

  private async gate(req: IncomingMessage, res: ServerResponse, boltListener: RequestListener): Promise<void> {
    const started = performance.now();
    try {
      let buffered: BufferedIncomingMessage;
      try {
        buffered = await bolt.bufferIncomingMessage(req, defaultBodyLimit);
      } catch (err) {
        const tooLarge = bolt.isRawBodyError(err) && (err as { statusCode?: number }).statusCode === 413;
        this.log.warn({ status: tooLarge ? 413 : 400, error: (err as Error).message }, 'slack request refused: the body could not be read');
        return answer(res, tooLarge ? 413 : 400);
      }
      const text = buffered.rawBody.toString();
      // Slack's ssl_check is unsigned by design; Bolt answers it and drops anything else in the body.
      if (isSslCheck(req, text)) return boltListener(req, res);

      const problem = slackSignatureProblem(this.edge.signingSecret, { timestamp: header(req, 'x-slack-request-timestamp'), signature: header(req, 'x-slack-signature') }, text);
      if (problem) {
        this.log.warn({ status: 401, problem }, 'slack request refused: not signed by Slack');
        return answer(res, 401);
      }
      let body: unknown;
      try {
        body = bolt.parseHTTPRequestBody(buffered);
      } catch (err) {
        this.log.warn({ status: 400, problem: `the body is not valid JSON: ${(err as Error).message}` }, 'slack request refused: malformed body');
        return answer(res, 400);
      }
      const verdict = checkBody(body);
      switch (verdict.kind) {
        case 'bad':
          this.log.warn({ status: 400, problem: verdict.why }, 'slack request refused: a signed body this app cannot handle');
          return answer(res, 400);
        case 'rate_limited':
          this.log.warn({ minute_rate_limited: verdict.body.minute_rate_limited }, 'Slack dropped events: the app exceeded the Events API rate limit');
          return answer(res, 200);
        case 'bolt':
          return boltListener(req, res);
        case 'event':
          return await this.record(req, res, verdict.body, started);
      }
    } catch (err) {
      this.log.error({ status: 500, error: (err as Error).message }, 'slack request failed at the edge');
      if (!res.headersSent) answer(res, 500);
    }
  }

  /** Runs the event's listeners with Bolt's no-op event ack, and answers once they are done. */
  private async record(req: IncomingMessage, res: ServerResponse, body: SlackBody, started: number): Promise<void> {
    const app = this.boltApp;
    if (!app) return answer(res, 503); // not initialised by an App yet: Slack retries later
    const retryNum = bolt.extractRetryNumFromHTTPRequest(req);
    const processing = app.processEvent({ body, ack: async () => {}, retryNum, retryReason: bolt.extractRetryReasonFromHTTPRequest(req) });
    const outcome = await settleWithin(processing, this.edge.recordDeadlineMs ?? RECORD_DEADLINE_MS);
    if (outcome.status === 'done') return answer(res, 200);
    const line = { status: 500, event_id: body.event_id, type: (body.event as { type: string }).type, retry: retryNum, ms: Math.round(performance.now() - started) };
    if (outcome.status === 'late') {
      // Still running: if it records after all, Slack's retry finds the event_id and changes nothing.
      this.log.warn(line, 'slack event not recorded in time: answered 500 so Slack sends it again');
    } else {
      this.log.warn({ ...line, error: (outcome.error as Error).message }, 'slack event not recorded: answered 500 so Slack sends it again');
    }
    answer(res, 500);
  }
}

function answer(res: ServerResponse, status: number): void {
  res.writeHead(status);
  res.end();
}

function pathOf(req: IncomingMessage): string {
  return new URL(req.url ?? '/', 'http://localhost').pathname;
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return typeof value === 'string' ? value : undefined;
}

/** Bolt's own test (HTTPModuleFunctions.parseAndVerifyHTTPRequest), so both agree on what skips the signature. */
function isSslCheck(req: IncomingMessage, text: string): boolean {
  return req.headers['content-type'] === 'application/x-www-form-urlencoded' && parseQuery(text).ssl_check === '1';
}
