/**
 * The baseline: a stock Bolt app as its quick-start builds it (HTTPReceiver, Bolt's defaults) with
 * an app_mention listener that does nothing. Run as its own process by scripts/bench.ts, with
 * BOLT_PORT, BOLT_SIGNING_SECRET and BOLT_SLACK_API_URL; prints "ready" once it listens.
 */
import { App, HTTPReceiver, LogLevel } from '@slack/bolt';

const port = Number(process.env.BOLT_PORT);
const receiver = new HTTPReceiver({ signingSecret: process.env.BOLT_SIGNING_SECRET!, endpoints: '/slack/events' });
const app = new App({
  token: 'xoxb-bench',
  receiver,
  logLevel: LogLevel.ERROR,
  clientOptions: { slackApiUrl: process.env.BOLT_SLACK_API_URL! },
});
app.event('app_mention', async () => {});
await app.start(port);
console.log('ready');
process.on('SIGTERM', () => void app.stop().then(() => process.exit(0)));
