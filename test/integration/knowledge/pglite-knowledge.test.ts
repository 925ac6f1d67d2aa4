import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { PostgresKnowledgeIndex } from '../../../src/knowledge/postgres-knowledge.js';
import { openDatabase, type Database } from '../../../src/store/database.js';
import { rowsOf } from '../../../src/store/rows.js';
import { knowledgeIndexContract } from '../../support/knowledge-contract.js';

/** The full-text twin on embedded PGlite: the same migration (generated tsvector, GIN) and the same contract. */
const dir = mkdtempSync(path.join(tmpdir(), 'dept-knowledge-pglite-'));
let database: Database;
beforeAll(async () => {
  database = await openDatabase({ dataDir: dir });
});
afterAll(async () => {
  await database?.close();
  rmSync(dir, { recursive: true, force: true });
});

it('creates the knowledge table with its generated tsvector and GIN index on PGlite', async () => {
  const indexes = rowsOf<{ indexdef: string }>(await database.db.execute(sql`select indexdef from pg_indexes where tablename = 'knowledge'`));
  expect(indexes.map((i) => i.indexdef).join('\n')).toMatch(/USING gin \(search\) WITH \(fastupdate='?(false|off)'?\)/);
  const [column] = rowsOf<{ is_generated: string; data_type: string }>(
    await database.db.execute(sql`select is_generated, data_type from information_schema.columns where table_name = 'knowledge' and column_name = 'search'`),
  );
  expect(column).toEqual({ is_generated: 'ALWAYS', data_type: 'tsvector' });
});

knowledgeIndexContract('Postgres full-text search on PGlite', async () => {
  await database.db.execute(sql`truncate knowledge`);
  return { index: new PostgresKnowledgeIndex(database.db), cleanup: async () => {} };
});
