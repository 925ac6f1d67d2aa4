import { sql } from 'drizzle-orm';
import pg from 'pg';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../../src/store/database.js';
import { Store } from '../../../src/store/store.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';
import { TEST_POSTGRES_URL } from '../../support/services.js';
import { until } from '../../support/signed-events.js';

/**
 * Postgres connections lost under the app (pg_terminate_backend, as an admin or a failover does):
 * the operation using one fails, the process lives on, and the next operation gets a new connection.
 */
let t: TestDatabase;
let database: Database;
const lines: Record<string, unknown>[] = [];
const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) });
const lost = () => lines.filter((l) => String(l.msg).startsWith('database connection lost'));

/** Terminates every connection to the test database except the admin's own. */
async function terminateBackends(): Promise<number> {
  const admin = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  await admin.connect();
  try {
    const name = new URL(t.url).pathname.slice(1);
    const res = await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()', [name]);
    return res.rowCount ?? 0;
  } finally {
    await admin.end();
  }
}

beforeAll(async () => {
  t = await createTestDatabase();
  database = await openDatabase({ url: t.url, dataDir: '', poolSize: 4, logger });
});
afterAll(async () => {
  await database?.close();
  await t?.drop();
});

describe('a lost Postgres connection', () => {
  it('fails the transaction holding it, not the process; the next operation succeeds', async () => {
    lines.length = 0;
    const transaction = database.db.transaction(async (tx) => {
      await tx.execute(sql`select 1`);
      expect(await terminateBackends()).toBeGreaterThan(0);
      // The client hears of it while checked out and idle in the transaction: its 'error' event.
      await until(() => lost().length > 0, 'the lost connection to be noticed');
      await tx.execute(sql`select 2`);
    });
    await expect(transaction).rejects.toThrow();

    const after = await database.db.execute(sql`select 41 + 1 as answer`);
    expect((after as unknown as { rows: { answer: number }[] }).rows[0]!.answer).toBe(42);
    // One plain line: message and code, no stack.
    expect(lost()).toHaveLength(1);
    expect(lost()[0]).toMatchObject({ level: 40, component: 'database' });
    expect(String(lost()[0]!.error)).toMatch(/terminat/);
    expect(JSON.stringify(lost()[0])).not.toContain('    at ');
  });

  it('replaces idle connections that were terminated; the store keeps working', async () => {
    // Fill the pool with idle connections, then lose them all.
    await Promise.all(Array.from({ length: 4 }, () => database.db.execute(sql`select pg_sleep(0.05)`)));
    expect(await terminateBackends()).toBeGreaterThanOrEqual(1);
    const store = new Store(database.db);
    await until(async () => {
      try {
        await store.spendTodayByAgent('UTC');
        return true;
      } catch {
        return false; // an operation that met a dying connection fails; its caller retries
      }
    }, 'the store to answer on a new connection');
    expect(await store.spendTodayByAgent('UTC')).toEqual(new Map());
  });
});
