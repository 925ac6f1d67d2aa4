import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from '../../src/store/database.js';
import { Store } from '../../src/store/store.js';
import { TEST_POSTGRES_URL } from './services.js';

export interface TestDatabase {
  url: string;
  database: Database;
  store: Store;
  /** One statement on a connection of its own, outside the app's pool (locks, terminations, checks). */
  query<T extends pg.QueryResultRow = pg.QueryResultRow>(text: string): Promise<pg.QueryResult<T>>;
  drop(): Promise<void>;
}

/** A fresh database per test file, migrated, so runs and files never see each other's rows. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `dept_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  await admin(`create database ${name}`);
  const url = new URL(TEST_POSTGRES_URL);
  url.pathname = `/${name}`;
  const database = await openDatabase({ url: url.toString(), dataDir: '', poolSize: 10 });
  return {
    url: url.toString(),
    database,
    store: new Store(database.db),
    async query<T extends pg.QueryResultRow>(text: string) {
      const client = new pg.Client({ connectionString: url.toString() });
      await client.connect();
      try {
        return await client.query<T>(text);
      } finally {
        await client.end();
      }
    },
    async drop() {
      await database.close();
      await admin(`drop database if exists ${name} with (force)`);
    },
  };
}

async function admin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
