import nock from 'nock';
import { pino } from 'pino';
import type { Config } from '../../../src/config/config.js';
import { createWebClient, type RetryOptions } from '../../../src/slack/web-client.js';

/** Slack's Web API in these tests: nock answers at this host, with the real WebClient calling it. */
export const SLACK_HOST = 'http://slack.test';
export const SLACK_API_URL = `${SLACK_HOST}/api/`;
export const slackConfig = { SLACK_API_URL } as Pick<Config, 'SLACK_API_URL'>;
export const quiet = pino({ level: 'silent' });
/** Retries on, but without waiting between attempts (a 429 still waits its Retry-After). */
export const fastRetries: RetryOptions = { retries: 2, minTimeout: 0, maxTimeout: 0, factor: 1 };

export const slackApi = () => nock(SLACK_HOST);
export const client = (token: string) => createWebClient(token, slackConfig, quiet, { retryConfig: fastRetries });

/** Slack's form-encoded request body with its JSON fields decoded. */
export function formBody(body: unknown): Record<string, unknown> {
  const fields = typeof body === 'string' ? Object.fromEntries(new URLSearchParams(body)) : (body as Record<string, string>);
  return Object.fromEntries(
    Object.entries(fields).map(([k, v]) => [k, typeof v === 'string' && /^[[{]/.test(v) ? JSON.parse(v) : v]),
  );
}
