import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Ctx } from '../context.js';
import { bearer, parseParams, readBody } from '../http/body.js';
import { sendJson } from '../http/send.js';
import { callMethod } from './call-method.js';

/**
 * POST (or GET) /api/<method>: the Web API over HTTP as Slack serves it. Errors are HTTP 200 with
 * ok:false; only a body that cannot be parsed at all is answered 400.
 */
export async function apiRoute(ctx: Ctx, req: IncomingMessage, res: ServerResponse, method: string, query: URLSearchParams): Promise<void> {
  let params: Record<string, unknown>;
  try {
    params = parseParams(req.headers['content-type'], await readBody(req), query);
  } catch {
    sendJson(res, 200, { ok: false, error: 'invalid_json' });
    return;
  }
  const token = bearer(req.headers.authorization) ?? (typeof params.token === 'string' ? params.token : undefined);
  delete params.token;
  const answer = await callMethod(ctx, method, token, params);
  if (answer.ok === false && answer.error !== 'unknown_method') ctx.logger.debug({ method, error: answer.error }, 'local workspace: Web API error');
  res.setHeader('x-oauth-scopes', 'app_mentions:read,channels:history,channels:join,channels:read,chat:write,chat:write.customize,chat:write.public,commands,groups:history,groups:read,im:history,im:read,im:write,mpim:history,mpim:read,users:read');
  sendJson(res, 200, answer);
}
