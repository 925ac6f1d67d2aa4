import type { Logger } from 'pino';
import type { KnowledgeIndex, KnowledgeRecord } from '../../src/knowledge/knowledge-index.js';
import { sleep } from './load.js';
import { importOptional } from './optional-module.js';

/** What bench:knowledge uses of src/knowledge/pinecone-setup.ts (written on another branch). */
type OpenPineconeIndex = (opts: { apiKey: string; indexName: string; namespace: string; logger: Logger }) => Promise<KnowledgeIndex>;

/** The Pinecone index in a namespace of its own for this run (emptied at the end by the caller). */
export async function openPinecone(opts: { apiKey: string; indexName: string; namespace: string; logger: Logger }): Promise<KnowledgeIndex> {
  const mod = await importOptional(
    '../../src/knowledge/pinecone-setup.js',
    'PINECONE_API_KEY is set but src/knowledge/pinecone-setup.ts (openPineconeIndex) is not on this branch yet: merge the Pinecone index, or unset PINECONE_API_KEY to measure the full-text twin only.',
  );
  const open = mod.openPineconeIndex as OpenPineconeIndex | undefined;
  if (typeof open !== 'function') throw new Error('src/knowledge/pinecone-setup.ts does not export openPineconeIndex.');
  return open(opts);
}

/**
 * Pinecone makes upserts searchable after a delay: waits until the last record upserted is found by
 * its own title (at most timeoutMs), so questions are not asked of a half-filled namespace.
 */
export async function waitUntilSearchable(index: KnowledgeIndex, last: KnowledgeRecord, timeoutMs = 60_000): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    const hits = await index.search(last.title, { topK: 5 });
    if (hits.some((h) => h.id === last.id)) return Date.now() - started;
    await sleep(1_000);
  }
  throw new Error(`Pinecone: "${last.id}" was still not searchable ${timeoutMs / 1000} s after the upsert.`);
}
