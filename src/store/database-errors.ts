/**
 * Telling a database outage (worth retrying) from a query that can never succeed, through
 * drizzle's DrizzleQueryError wrapper, whose own message is the query text rather than the cause.
 */

/** SQLSTATE classes and codes that mean "the database is (briefly) unavailable", not "this query is wrong". */
const TRANSIENT_SQLSTATE = /^(08|53|57P0[1-3]|40001|40P01|55P03|57014)/;
const TRANSIENT_ERRNO = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
const TRANSIENT_MESSAGE = /connection terminated|timeout exceeded when trying to connect|not queryable|terminating connection|the database system is (starting up|shutting down)/i;

export function isTransientDatabaseError(err: unknown): boolean {
  let current: unknown = err;
  for (let depth = 0; depth < 5 && current; depth++) {
    const e = current as { message?: unknown; code?: unknown };
    if (typeof e.code === 'string' && (TRANSIENT_SQLSTATE.test(e.code) || TRANSIENT_ERRNO.has(e.code))) return true;
    if (typeof e.message === 'string' && TRANSIENT_MESSAGE.test(e.message)) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}
