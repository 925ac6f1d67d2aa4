import type { Ctx } from '../context.js';
import { Args } from './args.js';
import { METHODS } from './methods/index.js';
import { SlackError } from './slack-error.js';

/**
 * Runs one Web API method with the given token and arguments and returns Slack's JSON answer:
 * {ok:true, ...} or {ok:false, error}. Never throws: a bug answers internal_error and is logged.
 */
export async function callMethod(ctx: Ctx, method: string, token: string | undefined, params: Record<string, unknown>): Promise<Record<string, unknown>> {
  if (method === 'api.test') return { ok: true, args: params };
  const handler = METHODS[method];
  if (!handler) return { ok: false, error: 'unknown_method', req_method: method };
  if (!token) return { ok: false, error: 'not_authed' };
  const caller = ctx.dir.byToken(token);
  if (!caller) return { ok: false, error: 'invalid_auth' };
  try {
    return { ok: true, ...(await handler({ ctx, args: new Args(params), caller })) };
  } catch (err) {
    if (err instanceof SlackError) return { ok: false, error: err.code, ...err.extra };
    ctx.logger.error({ method, error: (err as Error).message, stack: (err as Error).stack }, 'local workspace: Web API method failed');
    return { ok: false, error: 'internal_error' };
  }
}
