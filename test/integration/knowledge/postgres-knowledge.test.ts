import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { KnowledgeRecord, KnowledgeType } from '../../../src/knowledge/knowledge-index.js';
import { CommonLexemes } from '../../../src/knowledge/common-lexemes.js';
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

describe('PostgresKnowledgeIndex beyond the contract', () => {
  let index: PostgresKnowledgeIndex;
  beforeEach(async () => {
    await t.query('truncate knowledge');
    index = new PostgresKnowledgeIndex(t.database.db);
  });
  const at = (day: number) => new Date(`2027-01-${String(day).padStart(2, '0')}T12:00:00Z`);
  const record = (id: string, type: KnowledgeType, title: string, day: number): KnowledgeRecord => ({
    id,
    type,
    title,
    text: `${title}, recorded on day ${day}.`,
    source: 'vp_marketing',
    createdAt: at(day),
    permalink: null,
    conversationId: null,
  });

  it('gets a record by id, counts them, and lists the latest, newest first, by type', async () => {
    await index.upsert([record('decision:a', 'decision', 'Budget split', 2), record('decision:b', 'decision', 'Agency shortlist', 5), record('note:c', 'note', 'Call the printer', 9)]);
    expect(await index.get('decision:a')).toMatchObject({ title: 'Budget split', createdAt: at(2) });
    expect(await index.get('decision:zzz')).toBeNull();
    expect(await index.count()).toBe(3);
    expect((await index.latest({ limit: 10 })).map((r) => r.id)).toEqual(['note:c', 'decision:b', 'decision:a']);
    expect((await index.latest({ types: ['decision'], limit: 1 })).map((r) => r.id)).toEqual(['decision:b']);
  });

  it('keeps the last of two records given under one id in one batch', async () => {
    await index.upsert([record('note:x', 'note', 'First wording', 1), record('note:x', 'note', 'Second wording', 1)]);
    expect(await index.count()).toBe(1);
    expect((await index.get('note:x'))?.title).toBe('Second wording');
  });

  it('ranks records holding every word above those holding some, and honours websearch syntax', async () => {
    await index.upsert([
      record('note:some', 'note', 'Podcast guest list', 1),
      record('note:every', 'note', 'Podcast sponsorship budget', 2),
      record('note:other', 'note', 'Sponsorship of the expo', 3),
    ]);
    const hits = await index.search('podcast sponsorship', { topK: 5 });
    expect(hits[0]!.id).toBe('note:every');
    expect(hits.map((h) => h.id).sort()).toEqual(['note:every', 'note:other', 'note:some']);
    expect((await index.search('"podcast sponsorship"', { topK: 1 }))[0]!.id).toBe('note:every');
  });

  it('answers nothing, without an error, for a query of stop words or punctuation only', async () => {
    await index.upsert([record('note:a', 'note', 'Anything', 1)]);
    expect(await index.search('what is the', { topK: 5 })).toEqual([]);
    expect(await index.search(' ?! ', { topK: 5 })).toEqual([]);
    expect(await index.search("it's & | ! ( ) : *", { topK: 5 })).toEqual([]);
  });
});

describe('common words', () => {
  beforeEach(async () => {
    await t.query('truncate knowledge');
  });

  it('leaves words most records share out of the candidates, and lets them fill a short answer', async () => {
    const base = { type: 'note' as const, source: 'analyst', createdAt: new Date('2027-02-01T00:00:00Z'), permalink: null, conversationId: null };
    const index = new PostgresKnowledgeIndex(t.database.db);
    await index.upsert([
      ...Array.from({ length: 60 }, (_, i) => ({ ...base, id: `note:c${i}`, title: `Campaign report ${i}`, text: `The campaign reached ${i * 100} people.` })),
      { ...base, id: 'note:retro', title: 'Retrospective', text: 'What the spring campaign taught us about timing.' },
    ]);
    await index.search('campaign', { topK: 1 }); // reads (and caches) statistics that do not exist yet
    await index.analyze();
    expect(await new CommonLexemes(t.database.db).operands()).toContain("'campaign'");
    expect((await index.search('campaign retrospective', { topK: 1 })).map((h) => h.id)).toEqual(['note:retro']);
    const filled = await index.search('campaign retrospective', { topK: 5 });
    expect(filled).toHaveLength(5);
    expect(filled[0]!.id).toBe('note:retro');
    expect(await index.search('campaign', { topK: 3 })).toHaveLength(3);
  });
});
