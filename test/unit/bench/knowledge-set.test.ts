import { describe, expect, it } from 'vitest';
import { fillerRecords } from '../../../scripts/bench/knowledge-filler.js';
import { loadKnowledgeSet } from '../../../scripts/bench/knowledge-set.js';
import { KNOWLEDGE_TYPES } from '../../../src/knowledge/knowledge-index.js';

const set = loadKnowledgeSet();

describe('the labelled knowledge set bench:knowledge measures on', () => {
  it('holds the 116 records and 48 questions (16 keyword, 32 paraphrase) the README measures on', () => {
    // The README's recall figures are fractions of these: change the set, measure again and say so.
    expect(set.records.length).toBe(116);
    expect(set.questions.length).toBe(48);
    expect(set.questions.filter((q) => q.kind === 'keyword').length).toBe(16);
    expect(set.questions.filter((q) => q.kind === 'paraphrase').length).toBe(32);
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

  it('covers every kind of record the department remembers', () => {
    // (Types and dates are checked by the loader's schema; here, that none of the port's kinds is missing.)
    expect(new Set(set.records.map((r) => r.type))).toEqual(new Set(KNOWLEDGE_TYPES));
  });

  it("includes the brand rule that says 'affordable', not 'cheap'", () => {
    const rule = set.records.find((r) => r.type === 'brand' && /cheap/i.test(r.text) && /affordable/i.test(r.text));
    expect(rule).toBeDefined();
  });

});

describe('the filler that pads the index', () => {
  it('is the same for a seed, and differs between seeds', () => {
    expect(fillerRecords(50, 7)).toEqual(fillerRecords(50, 7));
    expect(fillerRecords(50, 7).map((r) => r.text)).not.toEqual(fillerRecords(50, 8).map((r) => r.text));
  });
});
