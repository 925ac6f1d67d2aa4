import type { Server } from 'node:http';
import type { CustomRoute, Logger as SlackLogger, Receiver } from '@slack/bolt';
import type { Logger } from 'pino';
import { slackMode, type Config } from '../config/config.js';
import { ConfigError } from '../lib/errors.js';
import { EdgeReceiver } from './edge/edge-receiver.js';
import { SocketEdgeReceiver } from './edge/socket-edge-receiver.js';

export interface SlackReceiver {
  mode: 'http' | 'socket';
  receiver: Receiver;
}

/**
 * HTTP mode: signed requests at POST /slack/events through the edge gate (a bad or badly dated
 * signature gets 401, a body nothing can handle 400, and an event its 200 only once recorded).
 * Socket Mode: a websocket to Slack, the same custom routes on PORT; an event is acked once recorded.
 */
export function createReceiver(config: Config, loggers: { bolt: SlackLogger; app: Logger }, customRoutes: CustomRoute[]): SlackReceiver {
  const mode = slackMode(config);
  if (mode === 'socket') {
    const receiver = new SocketEdgeReceiver({
      appToken: config.SLACK_APP_TOKEN!,
      logger: loggers.bolt,
      appLogger: loggers.app,
      customRoutes,
      // customRoutes are served on installerOptions.port; apps.connections.open must use SLACK_API_URL too.
      installerOptions: { port: config.PORT, clientOptions: { slackApiUrl: config.SLACK_API_URL } },
    });
    return { mode, receiver };
  }
  if (mode === 'http') {
    const receiver = new EdgeReceiver({
      signingSecret: config.SLACK_SIGNING_SECRET!,
      port: config.PORT,
      customRoutes,
      boltLogger: loggers.bolt,
      logger: loggers.app,
    });
    return { mode, receiver };
  }
  throw new ConfigError('Slack needs SLACK_BOT_TOKEN with SLACK_SIGNING_SECRET (HTTP mode) or SLACK_APP_TOKEN (Socket Mode).');
}

/** Bolt's SocketModeReceiver keeps the server for customRoutes private; read it for port() only. */
export function socketHttpServer(receiver: Receiver): Server | undefined {
  return (receiver as unknown as { httpServer?: Server }).httpServer;
}
