import type { IncomingMessage, ServerResponse } from 'node:http';
import { SlackError } from '../api/slack-error.js';
import type { Ctx } from '../context.js';
import { readBody } from '../http/body.js';
import { refuseUiRequest } from '../http/request-guard.js';
import { sendJson } from '../http/send.js';
import { bootstrap } from './bootstrap.js';
import { channelMessages, threadMessages, views } from './read.js';
import { UiError, viewer } from './viewer.js';
import { close, deleteMessage, editMessage, home, sendAction, sendCommand, sendMessage, submit } from './write.js';

type Body = Record<string, unknown>;
type Handler = (ctx: Ctx, m: RegExpExecArray, as: unknown, body: Body) => Promise<unknown>;

/**
 * The web client's own JSON endpoints under /ui/. The person acting is `as` (query or body): the
 * local workspace has no logins, and binds to localhost for that reason.
 */
const ROUTES: { method: 'GET' | 'POST'; path: RegExp; run: Handler }[] = [
  { method: 'GET', path: /^\/ui\/bootstrap$/, run: (ctx, _m, as) => bootstrap(ctx, viewer(ctx, as)) },
  { method: 'GET', path: /^\/ui\/channels\/([A-Z0-9]+)\/messages$/, run: (ctx, m, as) => channelMessages(ctx, viewer(ctx, as), m[1]!) },
  { method: 'GET', path: /^\/ui\/channels\/([A-Z0-9]+)\/threads\/(\d+\.\d+)$/, run: (ctx, m, as) => threadMessages(ctx, viewer(ctx, as), m[1]!, m[2]!) },
  { method: 'GET', path: /^\/ui\/views$/, run: (ctx, _m, as) => views(ctx, viewer(ctx, as)) },
  { method: 'POST', path: /^\/ui\/channels\/([A-Z0-9]+)\/messages$/, run: (ctx, m, as, b) => sendMessage(ctx, viewer(ctx, as), m[1]!, b) },
  { method: 'POST', path: /^\/ui\/channels\/([A-Z0-9]+)\/messages\/(\d+\.\d+)\/edit$/, run: (ctx, m, as, b) => editMessage(ctx, viewer(ctx, as), m[1]!, m[2]!, b) },
  { method: 'POST', path: /^\/ui\/channels\/([A-Z0-9]+)\/messages\/(\d+\.\d+)\/delete$/, run: (ctx, m, as) => deleteMessage(ctx, viewer(ctx, as), m[1]!, m[2]!) },
  { method: 'POST', path: /^\/ui\/channels\/([A-Z0-9]+)\/commands$/, run: (ctx, m, as, b) => sendCommand(ctx, viewer(ctx, as), m[1]!, b) },
  { method: 'POST', path: /^\/ui\/actions$/, run: (ctx, _m, as, b) => sendAction(ctx, viewer(ctx, as), b) },
  { method: 'POST', path: /^\/ui\/views\/([A-Z0-9]+)\/submit$/, run: (ctx, m, as, b) => submit(ctx, viewer(ctx, as), m[1]!, b) },
  { method: 'POST', path: /^\/ui\/views\/([A-Z0-9]+)\/close$/, run: (ctx, m, as) => close(ctx, viewer(ctx, as), m[1]!) },
  { method: 'POST', path: /^\/ui\/home$/, run: (ctx, _m, as) => home(ctx, viewer(ctx, as)) },
];

export async function uiRoute(ctx: Ctx, req: IncomingMessage, res: ServerResponse, path: string, query: URLSearchParams): Promise<void> {
  const refused = refuseUiRequest(req, ctx.loopbackOnly);
  if (refused) return sendJson(res, 403, { ok: false, error: refused });
  if (req.method === 'GET' && path === '/ui/stream') {
    try {
      ctx.hub.subscribe(viewer(ctx, query.get('as')).id, res);
    } catch (err) {
      sendJson(res, 400, { ok: false, error: (err as Error).message });
    }
    return;
  }
  for (const route of ROUTES) {
    const m = route.method === req.method ? route.path.exec(path) : null;
    if (!m) continue;
    try {
      const body = req.method === 'POST' ? parseJson(await readBody(req)) : {};
      const result = await route.run(ctx, m, body.as ?? query.get('as'), body);
      sendJson(res, 200, { ok: true, ...(result as object) });
    } catch (err) {
      if (err instanceof UiError) return sendJson(res, err.status, { ok: false, error: err.message });
      if (err instanceof SlackError) return sendJson(res, 400, { ok: false, error: err.code });
      ctx.logger.error({ path, error: (err as Error).message, stack: (err as Error).stack }, 'local workspace: web client request failed');
      sendJson(res, 500, { ok: false, error: 'Something went wrong in the local workspace; see its log.' });
    }
    return;
  }
  sendJson(res, 404, { ok: false, error: 'not_found' });
}

function parseJson(raw: string): Body {
  if (!raw.trim()) return {};
  try {
    const parsed: unknown = JSON.parse(raw);
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) return parsed as Body;
  } catch {
    // fall through
  }
  throw new UiError(400, 'Send a JSON object.');
}
