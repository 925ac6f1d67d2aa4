import { sql } from 'drizzle-orm';
import { PgliteDatabase } from 'drizzle-orm/pglite';
import type { Db } from './database.js';
import { rowsOf } from './rows.js';

/**
 * Runs `fn` while this process holds the advisory lock named `key`, or returns null at once when
 * another process holds it. On Postgres the lock is a transaction's (pg_try_advisory_xact_lock on
 * one pooled connection, released at commit or when the connection drops, so a crash never leaves
 * it held); `fn` does its own work through the pool, and what it writes is committed before the lock
 * is let go. PGlite serves one process only, and an open transaction there would stop every other
 * query of the process while `fn` waits (on a model, say), so `fn` simply runs.
 */
export async function withTryLock<T>(db: Db, key: string, fn: () => Promise<T>): Promise<T | null> {
  if (db instanceof PgliteDatabase) return fn();
  return db.transaction(async (tx) => {
    const [row] = rowsOf<{ locked: boolean }>(await tx.execute(sql`select pg_try_advisory_xact_lock(hashtext(${key})) as locked`));
    return row?.locked ? fn() : null;
  });
}
