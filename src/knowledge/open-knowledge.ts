import type { Logger } from 'pino';
import type { Config } from '../config/config.js';
import type { Department } from '../department/schema.js';
import type { Db } from '../store/database.js';
import { KnowledgeBase } from './knowledge-base.js';
import type { Permalink } from './knowledge-sources.js';
import { pineconeNamespace } from './pinecone-namespace.js';
import { openPineconeIndex } from './pinecone-setup.js';
import { PostgresKnowledgeIndex } from './postgres-knowledge.js';

/**
 * The department's memory as configured: Postgres full-text search, or Pinecone (PINECONE_API_KEY
 * and PINECONE_INDEX) in the department's own namespace, the records kept in Postgres either way.
 * A bad Pinecone key or index stops start-up with one sentence naming the variable
 * (openPineconeIndex). It only opens: the brand guide is loaded by keepSynced's first tick, in a
 * process that runs turns; a web process searches the records the workers keep.
 */
export async function openKnowledge(deps: { config: Config; db: Db; department: Department; logger: Logger; permalink: Permalink; embedded: boolean }): Promise<KnowledgeBase> {
  const { config, logger } = deps;
  const records = new PostgresKnowledgeIndex(deps.db);
  const index =
    config.PINECONE_API_KEY && config.PINECONE_INDEX
      ? await openPineconeIndex({ apiKey: config.PINECONE_API_KEY, indexName: config.PINECONE_INDEX, namespace: pineconeNamespace(deps.department.file.name), logger })
      : records;
  const knowledge = new KnowledgeBase({
    records, index, db: deps.db, department: deps.department, departmentDir: config.DEPARTMENT_DIR, logger, permalink: deps.permalink,
    // PGlite has no autovacuum: fresh statistics keep its full-text plans good after indexing.
    ...(deps.embedded ? { analyze: () => records.analyze() } : {}),
  });
  logger.info({ component: 'knowledge', search: index.name }, 'knowledge base ready');
  return knowledge;
}
