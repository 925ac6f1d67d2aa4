import nock from 'nock';
import { afterAll, beforeAll } from 'vitest';
import { knowledgeIndexContract } from '../../support/knowledge-contract.js';
import { pineconeFakeIndex, type PineconeFake } from '../../support/pinecone-fake.js';

/**
 * The Pinecone index passes the same contract as the full-text twin, its HTTP answered in
 * Pinecone's documented shapes; the ranking cases are skipped (the fake ranks, not Pinecone).
 */
let fake: PineconeFake | undefined;
beforeAll(() => nock.disableNetConnect());
afterAll(() => {
  fake?.close();
  nock.enableNetConnect();
});

knowledgeIndexContract('Pinecone (integrated embedding, through nock)', async () => {
  fake?.close();
  const opened = pineconeFakeIndex();
  fake = opened.fake;
  return { index: opened.index, cleanup: async () => opened.fake.close() };
}, { judgesRanking: false });
