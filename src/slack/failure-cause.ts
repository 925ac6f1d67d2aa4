/**
 * What actually went wrong, for a log line: the innermost cause's message and code. Drizzle wraps
 * database errors as "Failed query: <sql> params: <the person's text>", which hides the cause
 * (and copies message text into the log); its `cause` is the driver's error.
 */
export function failureCause(err: unknown): string {
  let inner = err;
  for (let depth = 0; depth < 5 && inner instanceof Error && inner.cause !== undefined; depth++) inner = inner.cause;
  const message = inner instanceof Error ? inner.message : String(inner);
  const code = (inner as { code?: unknown } | null)?.code;
  const text = message.length > 300 ? `${message.slice(0, 300)}…` : message;
  return typeof code === 'string' && code && !text.includes(code) ? `${text} (${code})` : text;
}
