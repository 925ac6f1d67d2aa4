import { webApi } from '@slack/bolt';
import type { Logger } from 'pino';
import type { Config } from '../config/config.js';
import { slackLogger } from './slack-logger.js';

export type WebClient = webApi.WebClient;
export type RetryOptions = webApi.RetryOptions;

/**
 * Retries for network failures and 429s (the client waits Retry-After before each retry).
 * A few quick tries, not the SDK default of ten over half an hour: an agent turn is waiting.
 */
export const defaultRetryConfig: RetryOptions = { retries: 4, factor: 2, minTimeout: 500, maxTimeout: 10_000, randomize: true };

export interface WebClientOverrides {
  retryConfig?: RetryOptions;
}

/** The only place a WebClient is made: every client talks to SLACK_API_URL and logs through pino. */
export function createWebClient(token: string, config: Pick<Config, 'SLACK_API_URL'>, log: Logger, overrides: WebClientOverrides = {}): WebClient {
  return new webApi.WebClient(token, {
    slackApiUrl: config.SLACK_API_URL,
    retryConfig: overrides.retryConfig ?? defaultRetryConfig,
    rejectRateLimitedCalls: false, // 429: wait Retry-After and try again instead of failing the post
    timeout: 20_000, // a hung connection must not hold an agent turn forever
    logger: slackLogger(log, 'slack-web-api'),
  });
}

/** Slack's error code of a failed call ("not_in_channel"), or undefined for network/HTTP failures. */
export function slackErrorCode(err: unknown): string | undefined {
  if (err instanceof webApi.WebAPIPlatformError) return err.data.error;
  if (err instanceof webApi.WebAPIRateLimitedError) return 'ratelimited';
  return undefined;
}
