import type { KnowledgeIndex } from '../../src/knowledge/knowledge-index.js';
import { PostgresKnowledgeIndex } from '../../src/knowledge/postgres-knowledge.js';
import type { Db } from '../../src/store/database.js';

/** The Postgres full-text twin bench:knowledge measures, on a migrated database; fresh statistics after the bulk load, as start-up does on PGlite. */
export async function openIndex(db: Db): Promise<KnowledgeIndex & { analyze(): Promise<void> }> {
  return new PostgresKnowledgeIndex(db);
}
