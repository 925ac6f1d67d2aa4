import { SlackError } from './slack-error.js';

/** Slack's opaque pagination cursors: base64 of "<kind>:<position>". */
export const encodeCursor = (kind: string, position: string | number): string => Buffer.from(`${kind}:${position}`).toString('base64');

export function decodeCursor(cursor: string | undefined, kind: string): string | undefined {
  if (!cursor) return undefined;
  const decoded = Buffer.from(cursor, 'base64').toString('utf8');
  if (!decoded.startsWith(`${kind}:`)) throw new SlackError('invalid_cursor');
  return decoded.slice(kind.length + 1);
}

/** One page of an in-memory list, with the next_cursor Slack would hand back. */
export function page<T>(items: T[], cursor: string | undefined, limit: number): { items: T[]; nextCursor: string } {
  const raw = decodeCursor(cursor, 'offset');
  const offset = raw === undefined ? 0 : Number(raw);
  if (!Number.isInteger(offset) || offset < 0) throw new SlackError('invalid_cursor');
  const slice = items.slice(offset, offset + limit);
  const next = offset + limit < items.length ? encodeCursor('offset', offset + limit) : '';
  return { items: slice, nextCursor: next };
}
