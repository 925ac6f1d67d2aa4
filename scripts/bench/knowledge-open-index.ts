import type { KnowledgeIndex } from '../../src/knowledge/knowledge-index.js';
import type { Db } from '../../src/store/database.js';
import { importOptional } from './optional-module.js';

/**
 * The Postgres full-text twin bench:knowledge measures, on a migrated database. The one place that
 * names the class: once src/knowledge/postgres-knowledge.ts is merged, this can become a plain
 * `import { PostgresKnowledgeIndex } from '../../src/knowledge/postgres-knowledge.js'`.
 */
export async function openIndex(db: Db): Promise<KnowledgeIndex> {
  const mod = await importOptional(
    '../../src/knowledge/postgres-knowledge.js',
    'src/knowledge/postgres-knowledge.ts (PostgresKnowledgeIndex) is not on this branch yet: merge the Postgres knowledge index (and migration 0012_knowledge), or run `npm run bench:knowledge -- --index naive` to try the script on a stand-in.',
  );
  const PostgresKnowledgeIndex = mod.PostgresKnowledgeIndex as (new (db: Db) => KnowledgeIndex) | undefined;
  if (typeof PostgresKnowledgeIndex !== 'function') throw new Error('src/knowledge/postgres-knowledge.ts does not export a PostgresKnowledgeIndex class.');
  return new PostgresKnowledgeIndex(db);
}
