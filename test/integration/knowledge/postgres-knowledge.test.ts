import { afterAll, beforeAll } from 'vitest';
import { PostgresKnowledgeIndex } from '../../../src/knowledge/postgres-knowledge.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';
import { knowledgeIndexContract } from '../../support/knowledge-contract.js';

/** The full-text twin on a real Postgres: one database for the file, an empty table per test. */
let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t?.drop();
});

knowledgeIndexContract('Postgres full-text search on PostgreSQL', async () => {
  await t.query('truncate knowledge');
  return { index: new PostgresKnowledgeIndex(t.database.db), cleanup: async () => {} };
});
