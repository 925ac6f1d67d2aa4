import Anthropic from '@anthropic-ai/sdk';
import { ModelError, type ModelFault } from './model-error.js';

interface Rule {
  fault: ModelFault;
  retryable: boolean;
  /** What happened and what to do, after the "(status)" marker. */
  say: (detail: string, model: string) => string;
}

// Keyed by HTTP status; anything else falls through to the 4xx / 5xx defaults below.
const RULES: Record<number, Rule> = {
  400: { fault: 'bug', retryable: false, say: (d) => `Anthropic rejected the request as malformed (400): ${d}. This is a bug in how the department builds prompts; please report it.` },
  401: { fault: 'operator', retryable: false, say: () => 'Anthropic rejected the API key (401): check ANTHROPIC_API_KEY.' },
  402: { fault: 'operator', retryable: false, say: () => 'Anthropic refused the call for billing reasons (402): add credits or fix billing in the Anthropic console.' },
  403: { fault: 'operator', retryable: false, say: (_d, m) => `Anthropic refused access (403): this API key may not use ${m}; check the key's workspace permissions or the model ids in manifests/department.yml.` },
  404: { fault: 'operator', retryable: false, say: (_d, m) => `Anthropic does not know model "${m}" or the URL (404): check models.*.id in manifests/department.yml and ANTHROPIC_BASE_URL.` },
  413: { fault: 'bug', retryable: false, say: () => 'The request was too large for Anthropic (413): the thread history should have been summarised; please report it.' },
  429: { fault: 'operator', retryable: true, say: () => "Anthropic's rate limit for this API key was reached (429): the turn will be retried; if it keeps happening, lower the department's traffic or raise the key's limits in the Anthropic console." },
  529: { fault: 'anthropic', retryable: true, say: () => 'Anthropic is overloaded (529): not a problem on our side; the turn will be retried shortly.' },
};

/** The HTTP status each error type stands for (https://platform.claude.com/docs/en/api/errors). */
const STREAM_ERROR_STATUS: Record<string, number> = {
  invalid_request_error: 400,
  authentication_error: 401,
  billing_error: 402,
  permission_error: 403,
  not_found_error: 404,
  request_too_large: 413,
  rate_limit_error: 429,
  api_error: 500,
  timeout_error: 504,
  overloaded_error: 529,
};

/** Longest wait we honour: a longer retry-after is more likely a mistake than a plan. */
const MAX_RETRY_AFTER_MS = 10 * 60_000;

/** When Anthropic asked us to come back: retry-after-ms, or retry-after in seconds or as an HTTP date. */
export function retryAfterMs(headers: Headers | undefined, now = Date.now()): number | undefined {
  const ms = Number(headers?.get('retry-after-ms') ?? NaN);
  const raw = headers?.get('retry-after');
  const seconds = raw == null ? NaN : Number(raw);
  const date = raw == null ? NaN : Date.parse(raw) - now;
  const wait = Number.isFinite(ms) ? ms : Number.isFinite(seconds) ? seconds * 1000 : Number.isFinite(date) ? date : undefined;
  return wait === undefined || wait < 0 ? undefined : Math.min(wait, MAX_RETRY_AFTER_MS);
}

/** Turn whatever the SDK threw into a ModelError that says who must act. */
export function toModelError(err: unknown, ctx: { model: string; baseURL: string }): ModelError {
  if (err instanceof ModelError) return err;
  if (err instanceof Anthropic.APIConnectionTimeoutError) {
    return new ModelError(`Anthropic did not answer in time (timeout): usually transient; the turn will be retried. If it persists, check the network to ${ctx.baseURL}.`, { fault: 'network', retryable: true, cause: err });
  }
  if (err instanceof Anthropic.APIUserAbortError || (err instanceof Error && err.name === 'TimeoutError')) {
    return new ModelError(`Claude's answer took longer than the department allows (stalled stream): the turn will be retried. If it persists, check the network to ${ctx.baseURL}.`, { fault: 'network', retryable: true, cause: err });
  }
  if (err instanceof Anthropic.APIConnectionError) {
    return new ModelError(`Could not reach Anthropic at ${ctx.baseURL} (connection error): check the network and ANTHROPIC_BASE_URL.`, { fault: 'network', retryable: true, cause: err });
  }
  // An error event inside a 200 stream carries no status: it is read as the status its type stands for.
  const status = err instanceof Anthropic.APIError ? (err.status ?? STREAM_ERROR_STATUS[(err.error as { error?: { type?: string } } | undefined)?.error?.type ?? '']) : undefined;
  if (err instanceof Anthropic.APIError && status !== undefined) {
    const detail = err.apiMessage ?? 'no detail given';
    const rule: Rule = RULES[status] ?? (status >= 500
      ? { fault: 'anthropic', retryable: true, say: () => `Anthropic had a server error (${status}): not a problem on our side; the turn will be retried shortly.` }
      : { fault: 'bug', retryable: false, say: (d) => `Anthropic rejected the request (${status}): ${d}. Please report it.` });
    const requestId = err.requestID ?? undefined;
    const suffix = requestId ? ` [request id ${requestId}]` : '';
    return new ModelError(rule.say(detail, ctx.model) + suffix, {
      fault: rule.fault,
      retryable: rule.retryable,
      status,
      ...(requestId ? { requestId } : {}),
      ...(status === 429 || status >= 500 ? { retryAfterMs: retryAfterMs(err.headers) } : {}),
      cause: err,
    });
  }
  const text = err instanceof Error ? err.message : String(err);
  return new ModelError(`The Claude call failed unexpectedly: ${text}. Please report it.`, { fault: 'bug', retryable: false, cause: err });
}
