/**
 * One plain line for any error, for logs: the innermost cause (what Postgres, Redis or the network
 * actually said) rather than a wrapper's message — drizzle's, for one, is the query text — and never
 * a multi-line stack.
 */
export function errorLine(err: unknown): string {
  const root = rootCause(err);
  return root.code && !root.message.includes(root.code) ? `${root.message} (${root.code})` : root.message;
}

/** The innermost error of a cause chain. */
export function rootCause(err: unknown): { message: string; code?: string | undefined } {
  let current: unknown = err;
  for (let depth = 0; depth < 5; depth++) {
    const next = (current as { cause?: unknown } | null)?.cause;
    if (!next) break;
    current = next;
  }
  const e = current as { message?: unknown; code?: unknown } | null;
  const message = typeof e?.message === 'string' && e.message !== '' ? e.message.split('\n')[0]! : String(current);
  return { message, code: typeof e?.code === 'string' ? e.code : undefined };
}
