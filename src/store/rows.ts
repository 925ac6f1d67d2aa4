/** node-postgres returns { rows }, PGlite returns { rows } too; keep the cast in one place. */
export function rowsOf<T>(result: unknown): T[] {
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}
