import { readFile } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { fileURLToPath } from 'node:url';

/** The web client: plain files served as they are (no build step). */
export const CLIENT_DIR = fileURLToPath(new URL('../client/', import.meta.url));

const TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  svg: 'image/svg+xml',
};

/** Only the page's own scripts, styles and images; nothing else on the page can run. */
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' http: https: data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Serves one file of client/ by its plain name (letters, digits and dashes: no paths). */
export async function serveClientFile(res: ServerResponse, name: string): Promise<boolean> {
  const m = /^([a-z0-9-]+)\.(html|js|css|svg)$/.exec(name);
  if (!m) return false;
  let body: Buffer;
  try {
    body = await readFile(`${CLIENT_DIR}${name}`);
  } catch {
    return false;
  }
  res.writeHead(200, {
    'content-type': TYPES[m[2]!]!,
    'cache-control': 'no-cache',
    'x-content-type-options': 'nosniff',
    'content-security-policy': CSP,
    'referrer-policy': 'no-referrer',
  });
  res.end(body);
  return true;
}
