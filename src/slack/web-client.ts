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

/**
 * Slack's error code of a failed call ("not_in_channel"); "ratelimited" when Slack still answered 429
 * after the client's retries; "http_503" for an HTTP error page; undefined for network failures.
 */
export function slackErrorCode(err: unknown): string | undefined {
  if (err instanceof webApi.WebAPIPlatformError) return err.data.error;
  if (err instanceof webApi.WebAPIRateLimitedError) return 'ratelimited';
  if (err instanceof webApi.WebAPIHTTPError) return `http_${err.statusCode}`;
  // With rejectRateLimitedCalls false the client waits Retry-After and retries; when its retries run
  // out on a 429, the last error is this request error (web-api's WebClient.makeRequest).
  if (err instanceof webApi.WebAPIRequestError && /rate limit was exceeded/i.test(err.original?.message ?? '')) return 'ratelimited';
  return undefined;
}
