import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { PostgresKnowledgeIndex } from '../../../src/knowledge/postgres-knowledge.js';
import { rowsOf } from '../../../src/store/rows.js';
import { knowledgeIndexContract } from '../../support/knowledge-contract.js';
import { pgliteDatabase } from '../../support/pglite-database.js';

/** The full-text twin on embedded PGlite: the same migration (generated tsvector, GIN) and the same contract. */
const db = pgliteDatabase('knowledge');

it('creates the knowledge table with its generated tsvector and GIN index on PGlite', async () => {
  const indexes = rowsOf<{ indexdef: string }>(await db().db.execute(sql`select indexdef from pg_indexes where tablename = 'knowledge'`));
  expect(indexes.map((i) => i.indexdef).join('\n')).toMatch(/USING gin \(search\) WITH \(fastupdate='?(false|off)'?\)/);
  const [column] = rowsOf<{ is_generated: string; data_type: string }>(
    await db().db.execute(sql`select is_generated, data_type from information_schema.columns where table_name = 'knowledge' and column_name = 'search'`),
  );
  expect(column).toEqual({ is_generated: 'ALWAYS', data_type: 'tsvector' });
});

knowledgeIndexContract('Postgres full-text search on PGlite', async () => {
  await db().db.execute(sql`truncate knowledge`);
  return { index: new PostgresKnowledgeIndex(db().db), cleanup: async () => {} };
});
