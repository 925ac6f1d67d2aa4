import { describe, expect, it } from 'vitest';
import { qualityFigures, scoreRanking, type QuestionOutcome } from '../../../scripts/bench/knowledge-quality.js';

const outcome = (returned: string[], answers: string[]): QuestionOutcome => ({
  question: { id: 'q', question: 'q?', kind: 'keyword', answers },
  returned,
  ms: 1,
  ...scoreRanking(returned, answers),
});

describe('recall@5 and MRR', () => {
  it('ranks the first answering record, and asks all of them to be in the top 5 for the strict variant', () => {
    expect(scoreRanking(['x', 'a', 'y', 'b'], ['a', 'b'])).toEqual({ firstRank: 2, allInTop5: true });
    expect(scoreRanking(['x', 'y', 'z', 'w', 'v', 'a'], ['a'])).toEqual({ firstRank: 6, allInTop5: false });
    expect(scoreRanking(['a', 'x'], ['a', 'b'])).toEqual({ firstRank: 1, allInTop5: false });
    expect(scoreRanking([], ['a'])).toEqual({ firstRank: undefined, allInTop5: false });
  });

  it('averages over the questions: a miss counts 0 in MRR', () => {
    const f = qualityFigures([outcome(['a'], ['a']), outcome(['x', 'y', 'b'], ['b', 'c']), outcome(['x', 'x', 'x', 'x', 'x', 'c'], ['c']), outcome([], ['d'])]);
    expect(f.recallAt5).toBe(2 / 4);
    expect(f.strictRecallAt5).toBe(1 / 4);
    expect(f.mrr).toBeCloseTo((1 + 1 / 3 + 1 / 6 + 0) / 4, 10);
  });
});
