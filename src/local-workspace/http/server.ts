import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { apiRoute } from '../api/route.js';
import type { Ctx } from '../context.js';
import { responseUrlRoute } from '../interactions/response-url-route.js';
import { uiRoute } from '../ui/route.js';
import { serveAvatar } from './avatar.js';
import { sendJson, sendText } from './send.js';
import { serveClientFile } from './static-files.js';

/**
 * One HTTP server for everything: the Web API (/api/…), response_urls (/hooks/…), the web
 * client's JSON and live stream (/ui/…), and the page itself (/, /client/…, /archives/… permalinks).
 */
export function createWorkspaceServer(ctx: Ctx): Server {
  return createServer((req, res) => {
    route(ctx, req, res).catch((err: unknown) => {
      ctx.logger.error({ url: req.url, error: (err as Error).message }, 'local workspace: request failed');
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: 'internal_error' });
      else res.end();
    });
  });
}

async function route(ctx: Ctx, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://local');
  const path = url.pathname;
  if (path.startsWith('/api/')) return apiRoute(ctx, req, res, decodeURIComponent(path.slice('/api/'.length)), url.searchParams);
  if (path.startsWith('/ui/')) return uiRoute(ctx, req, res, path, url.searchParams);
  const hook = /^\/hooks\/response\/([\w-]+)$/.exec(path);
  if (hook && req.method === 'POST') return responseUrlRoute(ctx, req, res, hook[1]!);
  if (req.method !== 'GET' && req.method !== 'HEAD') return sendText(res, 405, 'Method not allowed');
  const avatar = /^\/avatars\/([A-Z0-9]+)\.svg$/.exec(path);
  if (avatar && serveAvatar(res, ctx.dir, avatar[1]!)) return;
  if (path === '/healthz') return sendJson(res, 200, { ok: true });
  if (path === '/favicon.ico' && (await serveClientFile(res, 'favicon.svg'))) return;
  // The page for / and for permalinks (/archives/C…/p…): the client reads the path itself.
  if (path === '/' || path === '/index.html' || path.startsWith('/archives/')) {
    if (await serveClientFile(res, 'index.html')) return;
  }
  const file = /^\/client\/([^/]+)$/.exec(path);
  if (file && (await serveClientFile(res, file[1]!))) return;
  sendText(res, 404, 'Not found');
}
