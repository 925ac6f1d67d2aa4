import type { Server } from 'node:http';
import { HTTPReceiver, SocketModeReceiver, type CustomRoute, type Logger as SlackLogger, type Receiver } from '@slack/bolt';
import { slackMode, type Config } from '../config/config.js';
import { ConfigError } from '../lib/errors.js';

export interface SlackReceiver {
  mode: 'http' | 'socket';
  receiver: Receiver;
}

/**
 * HTTP mode: signed requests at POST /slack/events (a bad or stale signature gets 401 and nothing
 * runs), acked before any work. Socket Mode: a websocket to Slack, the same custom routes on PORT.
 */
export function createReceiver(config: Config, logger: SlackLogger, customRoutes: CustomRoute[]): SlackReceiver {
  const mode = slackMode(config);
  if (mode === 'socket') {
    const receiver = new SocketModeReceiver({
      appToken: config.SLACK_APP_TOKEN!,
      logger,
      customRoutes,
      // customRoutes are served on installerOptions.port; apps.connections.open must use SLACK_API_URL too.
      installerOptions: { port: config.PORT, clientOptions: { slackApiUrl: config.SLACK_API_URL } },
    });
    return { mode, receiver };
  }
  if (mode === 'http') {
    const receiver = new HTTPReceiver({
      signingSecret: config.SLACK_SIGNING_SECRET!,
      endpoints: '/slack/events',
      port: config.PORT,
      customRoutes,
      processBeforeResponse: false, // ack first, work after: slow work must not make Slack retry
      logger,
    });
    return { mode, receiver };
  }
  throw new ConfigError('Slack needs SLACK_BOT_TOKEN with SLACK_SIGNING_SECRET (HTTP mode) or SLACK_APP_TOKEN (Socket Mode).');
}

/** Bolt's SocketModeReceiver keeps the server for customRoutes private; read it for port() only. */
export function socketHttpServer(receiver: Receiver): Server | undefined {
  return (receiver as unknown as { httpServer?: Server }).httpServer;
}
