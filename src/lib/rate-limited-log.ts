import type { Logger } from 'pino';

/**
 * One log line per interval for a fault that repeats (a reconnect loop fails every few hundred ms):
 * the first at once, then at most one per intervalMs saying how many were left out.
 */
export function rateLimitedLog(intervalMs = 10_000, now: () => number = Date.now) {
  let last = Number.NEGATIVE_INFINITY;
  let suppressed = 0;
  return (write: (suppressed: number) => void): void => {
    const t = now();
    if (t - last < intervalMs) {
      suppressed++;
      return;
    }
    last = t;
    const left = suppressed;
    suppressed = 0;
    write(left);
  };
}

/**
 * The 'error' listener every database and Redis connection gets: a lost connection is logged as one
 * plain line (message and code, no stack) and nothing else happens here. The operation that used the
 * connection fails and is retried by its caller; the client reconnects or is replaced.
 */
export function connectionErrorListener(logger: Logger, component: string, what: string, intervalMs?: number) {
  const log = logger.child({ component });
  const limit = rateLimitedLog(intervalMs);
  return (err: Error & { code?: string }): void =>
    limit((suppressed) =>
      log.warn({ error: err.message, code: err.code, ...(suppressed > 0 ? { suppressed } : {}) }, `${what}; operations using it fail until it is back`),
    );
}
