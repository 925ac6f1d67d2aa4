import type { IncomingMessage } from 'node:http';

const MAX_BODY = 2 * 1024 * 1024;

export class BodyTooLarge extends Error {}

/** The raw request body as text (bounded: nobody needs more than 2 MB here). */
export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new BodyTooLarge('request body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Form-encoded or JSON body parameters merged over the query string's (Slack accepts all three). */
export function parseParams(contentType: string | undefined, body: string, query: URLSearchParams): Record<string, unknown> {
  const params: Record<string, unknown> = Object.fromEntries(query);
  if (!body.trim()) return params;
  if ((contentType ?? '').includes('application/json')) {
    const parsed: unknown = JSON.parse(body);
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) Object.assign(params, parsed);
    return params;
  }
  Object.assign(params, Object.fromEntries(new URLSearchParams(body)));
  return params;
}

/** The bearer token of an Authorization header. */
export function bearer(header: string | undefined): string | undefined {
  const m = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  return m?.[1];
}
