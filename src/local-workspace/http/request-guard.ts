import type { IncomingMessage } from 'node:http';

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/** The hostname of a Host header ("127.0.0.1:3001" → "127.0.0.1", "[::1]:80" → "[::1]"). */
function hostnameOf(host: string | undefined): string {
  const h = (host ?? '').toLowerCase();
  return h.startsWith('[') ? h.slice(0, h.indexOf(']') + 1) : h.split(':')[0]!;
}

/**
 * The web client's endpoints act as a person without a login, so only the page itself may call
 * them: on a loopback bind the Host must be loopback (no DNS rebinding), and a POST must be JSON
 * from the same origin (a form or fetch from another site can't send that without CORS, which
 * this server never grants). Returns why a request is refused, or undefined.
 */
export function refuseUiRequest(req: IncomingMessage, loopbackOnly: boolean): string | undefined {
  if (loopbackOnly && !LOOPBACK.has(hostnameOf(req.headers.host))) return 'The local workspace only answers on localhost.';
  if (req.method !== 'POST') return undefined;
  if (!(req.headers['content-type'] ?? '').includes('application/json')) return 'Send JSON (content-type: application/json).';
  const origin = req.headers.origin;
  if (origin && origin !== 'null' && origin.toLowerCase() !== `http://${(req.headers.host ?? '').toLowerCase()}`) return 'Cross-site requests are not accepted.';
  if (origin === 'null') return 'Cross-site requests are not accepted.';
  return undefined;
}
