import type { PGlite } from '@electric-sql/pglite';
import { PostgresSaver } from '@langchain/langgraph-checkpoint-postgres';
import type pg from 'pg';
import type { Database } from '../store/database.js';

/**
 * Where workflow graphs keep their checkpoints: LangGraph's PostgresSaver, in its own schema of the
 * department's database (its tables are its own, set up once at start). On PGlite (the embedded
 * default, one process) the same saver runs over a pool-shaped adapter: PGlite is one connection,
 * so the adapter hands out one session at a time, its one-statement queries included, and the
 * saver's reads and transactions never interleave with each other. (Other users of the same PGlite
 * client, the app's Drizzle queries, do not go through this queue.)
 */
export async function workflowCheckpointer(database: Database): Promise<PostgresSaver> {
  const pool = database.raw.kind === 'postgres' ? database.raw.pool : pgliteAsPool(database.raw.client);
  const saver = new PostgresSaver(pool, undefined, { schema: 'langgraph' });
  if (database.raw.kind === 'pglite') {
    await saver.setup();
    return saver;
  }
  // Processes starting together (web and workers) set its tables up one at a time.
  const lock = await pool.connect();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [SETUP_LOCK]);
    await saver.setup();
  } finally {
    await lock.query('SELECT pg_advisory_unlock($1)', [SETUP_LOCK]).catch(() => {});
    lock.release();
  }
  return saver;
}

/** Arbitrary constant, like the migrations' lock. */
const SETUP_LOCK = 7_302_115;

type Query = (text: string, params?: unknown[]) => Promise<{ rows: unknown[] }>;

/**
 * PGlite as the pg.Pool the saver takes. PGlite is one connection, so a "session" is the whole
 * connection: connect() waits for the last session's release(), and pool.query() (the saver's
 * reads) is a session of one statement, queued the same way. Otherwise a read could run between
 * another session's BEGIN and COMMIT and see its uncommitted rows (or be rolled back with them).
 * Exported for its test.
 */
export function pgliteAsPool(client: PGlite): pg.Pool {
  let queue: Promise<void> = Promise.resolve();
  const raw: Query = async (text, params) => ({ rows: (await client.query(text, params as unknown[])).rows });
  async function session(): Promise<() => void> {
    let release!: () => void;
    const mine = new Promise<void>((resolve) => (release = resolve));
    const before = queue;
    queue = queue.then(() => mine);
    await before;
    return release;
  }
  const pool = {
    async query(text: string, params?: unknown[]) {
      const release = await session();
      try {
        return await raw(text, params);
      } finally {
        release();
      }
    },
    async connect() {
      return { query: raw, release: await session() };
    },
    async end() {},
  };
  return pool as unknown as pg.Pool;
}
