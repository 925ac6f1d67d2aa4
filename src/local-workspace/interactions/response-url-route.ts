import type { IncomingMessage, ServerResponse } from 'node:http';
import { SlackError } from '../api/slack-error.js';
import type { Ctx } from '../context.js';
import { useHook } from '../data/hooks.js';
import { parseParams, readBody } from '../http/body.js';
import { sendJson } from '../http/send.js';
import { applyResponse } from './respond.js';

/** POST /hooks/response/<id>: the response_url handed out with commands and message interactions. */
export async function responseUrlRoute(ctx: Ctx, req: IncomingMessage, res: ServerResponse, id: string): Promise<void> {
  let body: Record<string, unknown>;
  try {
    const raw = await readBody(req);
    const params = parseParams(req.headers['content-type'] ?? 'application/json', raw, new URLSearchParams());
    body = typeof params.payload === 'string' ? (JSON.parse(params.payload) as Record<string, unknown>) : params;
  } catch {
    sendJson(res, 400, { ok: false, error: 'invalid_payload' });
    return;
  }
  const hook = await useHook(ctx.db, id);
  if (!hook) {
    sendJson(res, 404, { ok: false, error: 'expired_url' });
    return;
  }
  try {
    await applyResponse(ctx, { hookId: hook.id, fromCommand: hook.fromCommand, channelId: hook.channelId, userId: hook.userId, messageTs: hook.messageTs, threadTs: hook.threadTs }, body);
    sendJson(res, 200, { ok: true });
  } catch (err) {
    if (!(err instanceof SlackError)) ctx.logger.error({ error: (err as Error).message }, 'local workspace: response_url failed');
    sendJson(res, err instanceof SlackError ? 400 : 500, { ok: false, error: err instanceof SlackError ? err.code : 'internal_error' });
  }
}
