import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import type { ThreadPoster } from '../agents/ports.js';

const HOW_TO_CONNECT = [
  'Slack is not connected. To connect the department to a Slack workspace set:',
  '  SLACK_BOT_TOKEN=xoxb-…        (OAuth & Permissions → Bot User OAuth Token)',
  '  SLACK_SIGNING_SECRET=…        (Basic Information → Signing Secret) for HTTP mode, Request URL https://YOUR-HOST/slack/events',
  '  or SLACK_APP_TOKEN=xapp-…     (Basic Information → App-Level Tokens, scope connections:write) for Socket Mode',
  'See README.md, "Install it into your Slack workspace".',
].join('\n');

/**
 * Without Slack credentials the department still runs on its embedded defaults and serves
 * /healthz; anything sent to /slack/events is answered with how to connect.
 */
export async function startDisconnectedServer(opts: { port: number; health: () => Promise<boolean>; logger: Logger }) {
  const server = createServer((req, res) => {
    if (req.method === 'GET' && req.url === '/healthz') {
      opts.health().then((ok) => {
        res.writeHead(ok ? 200 : 503, { 'content-type': 'application/json' }).end(JSON.stringify({ ok, slack: 'disconnected' }));
      });
      return;
    }
    res.writeHead(503, { 'content-type': 'text/plain' }).end(`${HOW_TO_CONNECT}\n`);
  });
  await new Promise<void>((resolve) => server.listen(opts.port, resolve));
  const port = (server.address() as AddressInfo).port;
  opts.logger.warn({ port }, HOW_TO_CONNECT);
  const poster: ThreadPoster = {
    postAsAgent: async () => {
      throw new Error('Slack is not connected: set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET or SLACK_APP_TOKEN');
    },
    postNotice: async () => {
      throw new Error('Slack is not connected');
    },
  };
  return {
    poster,
    port: () => port,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
