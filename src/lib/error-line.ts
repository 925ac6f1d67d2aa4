/**
 * One plain line for any error, for logs: the innermost cause (what Postgres, Redis or the network
 * actually said) rather than a wrapper's message — drizzle's is the query text and its parameters,
 * a person's message among them — and never a multi-line stack.
 */
export function errorLine(err: unknown): string {
  const root = rootCause(err);
  const text = root.message.length > 300 ? `${root.message.slice(0, 300)}…` : root.message;
  return root.code && !text.includes(root.code) ? `${text} (${root.code})` : text;
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
