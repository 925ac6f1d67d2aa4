import type { Config } from '../config/config.js';

/** What a forked worker needs to post where the web process's Slack is (the local workspace's, when it runs one). */
export type SlackForWorkers = Pick<Config, 'SLACK_API_URL' | 'SLACK_BOT_TOKEN' | 'SLACK_AGENT_TOKENS'>;

/**
 * A worker's environment: the web process's own, as ROLE=worker, with the Slack it must post to
 * when that is not what the environment says (the local workspace makes its tokens at start).
 */
export function workerEnv(base: Record<string, string | undefined>, slack?: SlackForWorkers): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = { ...base, ROLE: 'worker', WORKERS: '0' };
  if (slack) {
    env.SLACK_API_URL = slack.SLACK_API_URL;
    env.SLACK_BOT_TOKEN = slack.SLACK_BOT_TOKEN;
    env.SLACK_AGENT_TOKENS = JSON.stringify(slack.SLACK_AGENT_TOKENS);
    // A worker posts only; it must not look like a second app to connect.
    env.SLACK_SIGNING_SECRET = '';
    env.SLACK_APP_TOKEN = '';
  }
  return env;
}
