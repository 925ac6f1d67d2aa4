import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { pino, type Logger } from 'pino';
import { ConfigError } from '../lib/errors.js';
import { connectionErrorListener } from '../lib/rate-limited-log.js';
import * as schema from './schema.js';

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface Database {
  db: Db;
  kind: 'postgres' | 'pglite';
  /** The raw client under drizzle, for what takes one (the workflows' LangGraph checkpointer). */
  raw: { kind: 'postgres'; pool: pg.Pool } | { kind: 'pglite'; client: PGlite };
  close(): Promise<void>;
}

export const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../migrations');

/** Arbitrary constant: serialises migrations when several processes start at once. */
const MIGRATION_LOCK = 7_302_114;

/**
 * Postgres when a URL is given, else PGlite in dataDir; migrations from migrations/ applied either way.
 *
 * A Postgres connection that is lost (server restart, pg_terminate_backend, network) must never take
 * the process down: every client gets an 'error' listener, not only idle ones (pg-pool listens on
 * idle clients only, so a client checked out for a transaction would otherwise crash the process
 * with "Unhandled 'error' event"). The query that was using it rejects, pg-pool drops the broken
 * client on release and the next operation opens a new connection. PGlite runs in this process and
 * has no connection to lose: its failures reject the query that met them.
 */
export async function openDatabase(opts: { url?: string; dataDir: string; poolSize?: number; logger?: Logger }): Promise<Database> {
  if (opts.url) {
    const pool = new pg.Pool({ connectionString: opts.url, max: opts.poolSize ?? 20, keepAlive: true, Client: ConnectingClient });
    const onError = connectionErrorListener(opts.logger ?? pino({ level: 'silent' }), 'database', 'database connection lost');
    pool.on('connect', (client) => client.on('error', onError)); // idle or checked out
    pool.on('error', () => {}); // the same error, re-emitted for an idle client pg-pool removed: logged above

    const db = drizzlePg(pool, { schema }) as unknown as Db;
    const client = await pool.connect().catch(async (err: Error) => {
      await pool.end().catch(() => {});
      throw new ConfigError(`DATABASE_URL: PostgreSQL did not answer (${err.message}). Check that it is running and that the URL, user and database are right.`);
    });
    try {
      await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
      await migratePg(drizzlePg(client, { schema }), { migrationsFolder: MIGRATIONS_DIR });
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => {});
      client.release();
    }
    return { db, kind: 'postgres', raw: { kind: 'postgres', pool }, close: () => pool.end() };
  }
  const dir = path.resolve(opts.dataDir, 'pglite');
  mkdirSync(dir, { recursive: true });
  const client = new PGlite(dir);
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  await migratePglite(drizzlePglite(client, { schema }), { migrationsFolder: MIGRATIONS_DIR });
  return { db, kind: 'pglite', raw: { kind: 'pglite', client }, close: () => client.close() };
}

/**
 * A new connection that gets no answer in 5 s fails (an unreachable server fails operations and
 * /healthz instead of leaving them waiting for ever). Set on the client, not the pool: the pool's
 * own connectionTimeoutMillis would also fail operations that merely queue for a busy pool.
 */
class ConnectingClient extends pg.Client {
  constructor(config?: string | pg.ClientConfig) {
    super({ ...(typeof config === 'string' ? { connectionString: config } : config), connectionTimeoutMillis: 5_000 });
  }
}

export async function pingDatabase(db: Db): Promise<boolean> {
  try {
    await db.execute(sql`select 1`);
    return true;
  } catch {
    return false;
  }
}
