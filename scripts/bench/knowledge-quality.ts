import type { KnowledgeIndex } from '../../src/knowledge/knowledge-index.js';
import type { KnowledgeQuestion } from './knowledge-set.js';

/** Results searched per question: MRR counts a first answer down to this rank (MRR@10). */
export const QUALITY_TOP_K = 10;

export interface QuestionOutcome {
  question: KnowledgeQuestion;
  /** 1-based rank of the first answering record, undefined when none is in the top QUALITY_TOP_K. */
  firstRank: number | undefined;
  allInTop5: boolean;
  /** Ids returned, best first. */
  returned: string[];
  ms: number;
}

export interface QualityFigures {
  questions: number;
  /** Share of questions with at least one answering record in the top 5. */
  recallAt5: number;
  /** Share of questions with every answering record in the top 5. */
  strictRecallAt5: number;
  /** Mean of 1/rank of the first answering record (0 when none in the top 10). */
  mrr: number;
}

/** Where the answers sit in one ranking. */
export function scoreRanking(returned: string[], answers: string[]): { firstRank: number | undefined; allInTop5: boolean } {
  const at = returned.findIndex((id) => answers.includes(id));
  const top5 = returned.slice(0, 5);
  return { firstRank: at < 0 ? undefined : at + 1, allInTop5: answers.every((id) => top5.includes(id)) };
}

export function qualityFigures(outcomes: QuestionOutcome[]): QualityFigures {
  const n = outcomes.length;
  const share = (ok: (o: QuestionOutcome) => boolean) => (n === 0 ? 0 : outcomes.filter(ok).length / n);
  return {
    questions: n,
    recallAt5: share((o) => o.firstRank !== undefined && o.firstRank <= 5),
    strictRecallAt5: share((o) => o.allInTop5),
    mrr: n === 0 ? 0 : outcomes.reduce((sum, o) => sum + (o.firstRank === undefined ? 0 : 1 / o.firstRank), 0) / n,
  };
}

/** Asks every question once, in order, and scores where its answers came back. */
export async function askQuestions(index: KnowledgeIndex, questions: KnowledgeQuestion[]): Promise<QuestionOutcome[]> {
  const outcomes: QuestionOutcome[] = [];
  for (const question of questions) {
    const started = performance.now();
    const hits = await index.search(question.question, { topK: QUALITY_TOP_K });
    const ms = performance.now() - started;
    const returned = hits.map((h) => h.id);
    outcomes.push({ question, returned, ms, ...scoreRanking(returned, question.answers) });
  }
  return outcomes;
}
