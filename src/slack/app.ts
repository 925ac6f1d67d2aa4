import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App } from '@slack/bolt';
import type { Logger } from 'pino';
import type { Config } from '../config/config.js';
import { notRecordedIn } from './event-not-recorded.js';
import { errorLine } from '../lib/error-line.js';
import { healthRoute } from './health-route.js';
import type { Identities } from './identities.js';
import { registerListeners, type ListenerDeps } from './listeners/index.js';
import { createReceiver, socketHttpServer } from './receiver.js';
import { slackLogger } from './slack-logger.js';
import { defaultRetryConfig } from './web-client.js';

export interface SlackAppDeps extends ListenerDeps {
  config: Config;
  identities: Identities;
  logger: Logger;
  /** True when the database and bus answer (GET /healthz). */
  health: () => Promise<boolean>;
}

export interface SlackApp {
  app: App;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** The port /slack/events and /healthz listen on (the bound one when PORT is 0). */
  port(): number;
}

/**
 * The Bolt app: HTTP mode (signed requests at POST /slack/events) or Socket Mode, with /healthz
 * beside it. An event is acknowledged once it is recorded (its listeners are done); commands and
 * interactions are acked first, as Slack's 3 seconds require. A failing listener is logged and
 * never surfaces to people; an event that could not be recorded goes back to the receiver, which
 * leaves it unacknowledged so Slack sends it again.
 */
export function createSlackApp(deps: SlackAppDeps): SlackApp {
  const { config, identities, logger } = deps;
  const log = logger.child({ component: 'slack-app' });
  const boltLogger = slackLogger(logger, 'bolt');

  const { mode, receiver } = createReceiver(config, { bolt: boltLogger, app: logger }, [healthRoute(deps.health, log)]);

  const app = new App({
    token: config.SLACK_BOT_TOKEN,
    // Known from auth.test at boot, so Bolt needs no auth.test of its own; ignoreSelf uses them.
    botId: identities.main.botId,
    botUserId: identities.main.userId,
    receiver,
    logger: boltLogger,
    clientOptions: { slackApiUrl: config.SLACK_API_URL, retryConfig: defaultRetryConfig, rejectRateLimitedCalls: false },
    ignoreSelf: true,
    convoStore: false,
    extendedErrorHandler: true,
  });
  app.error(async ({ error, body }: { error: Error & { code?: string }; body: unknown }) => {
    // Rethrown, App.processEvent rejects: the receiver answers non-2xx and Slack retries (ingest logged why).
    const notRecorded = notRecordedIn(error);
    if (notRecorded) throw notRecorded;
    const eventId = (body as { event_id?: string } | undefined)?.event_id;
    const original = (error as { original?: unknown }).original ?? error; // Bolt wraps what it did not code
    log.error({ event_id: eventId, code: error.code, error: errorLine(original) }, 'slack listener failed');
  });
  registerListeners(app, deps);

  let server: Server | undefined;
  let running = false;
  return {
    app,
    async start() {
      let started: Server;
      try {
        started = await app.start(config.PORT);
      } catch (err) {
        // Socket Mode opens /healthz before connecting: close it again so a failed start leaves nothing listening.
        if (mode === 'socket') await app.stop().catch(() => {});
        throw err;
      }
      running = true;
      server = mode === 'http' ? started : socketHttpServer(receiver);
      log.info({ mode, port: boundPort() }, mode === 'http' ? 'slack app listening for events at POST /slack/events' : 'slack app connected over Socket Mode');
    },
    async stop() {
      if (!running) return;
      running = false;
      await app.stop();
    },
    port: boundPort,
  };

  function boundPort(): number {
    const address = server?.address();
    return address && typeof address === 'object' ? (address as AddressInfo).port : config.PORT;
  }
}
