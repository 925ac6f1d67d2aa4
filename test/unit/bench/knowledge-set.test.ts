import { describe, expect, it } from 'vitest';
import { fillerRecords } from '../../../scripts/bench/knowledge-filler.js';
import { loadKnowledgeSet } from '../../../scripts/bench/knowledge-set.js';
import { KNOWLEDGE_TYPES } from '../../../src/knowledge/knowledge-index.js';

const set = loadKnowledgeSet();

describe('the labelled knowledge set bench:knowledge measures on', () => {
  it('holds at least 100 records and 30 questions', () => {
    expect(set.records.length).toBeGreaterThanOrEqual(100);
    expect(set.questions.length).toBeGreaterThanOrEqual(30);
  });

  it('has unique record ids and unique question ids', () => {
    expect(new Set(set.records.map((r) => r.id)).size).toBe(set.records.length);
    expect(new Set(set.questions.map((q) => q.id)).size).toBe(set.questions.length);
  });

  it('labels every question with records that exist', () => {
    const ids = new Set(set.records.map((r) => r.id));
    const dangling = set.questions.flatMap((q) => q.answers.filter((id) => !ids.has(id)).map((id) => `${q.id} → ${id}`));
    expect(dangling).toEqual([]);
  });

  it('uses only the knowledge types of the port, and records in its shape', () => {
    for (const r of set.records) {
      expect(KNOWLEDGE_TYPES).toContain(r.type);
      expect(r.createdAt).toBeInstanceOf(Date);
      expect(Number.isNaN(r.createdAt.getTime())).toBe(false);
      expect(r.id.startsWith(`${r.type}:`)).toBe(true);
    }
  });

  it("includes the brand rule that says 'affordable', not 'cheap'", () => {
    const rule = set.records.find((r) => r.type === 'brand' && /cheap/i.test(r.text) && /affordable/i.test(r.text));
    expect(rule).toBeDefined();
  });

  it('asks paraphrased questions as well as keyword ones', () => {
    expect(set.questions.filter((q) => q.kind === 'paraphrase').length).toBeGreaterThanOrEqual(10);
    expect(set.questions.filter((q) => q.kind === 'keyword').length).toBeGreaterThanOrEqual(10);
  });
});

describe('the filler that pads the index', () => {
  it('is the same for a seed, and never takes a labelled id', () => {
    expect(fillerRecords(50, 7)).toEqual(fillerRecords(50, 7));
    const ids = new Set(set.records.map((r) => r.id));
    expect(fillerRecords(500, 1).filter((r) => ids.has(r.id))).toEqual([]);
  });
});
