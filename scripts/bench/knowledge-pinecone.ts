import type { Logger } from 'pino';
import type { KnowledgeIndex, KnowledgeRecord } from '../../src/knowledge/knowledge-index.js';
import { openPineconeIndex } from '../../src/knowledge/pinecone-setup.js';
import { sleep } from './load.js';

/** The Pinecone index in a namespace of its own for this run (emptied at the end by the caller). */
export function openPinecone(opts: { apiKey: string; indexName: string; namespace: string; logger: Logger }): Promise<KnowledgeIndex> {
  return openPineconeIndex(opts);
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
