import type { KnowledgeIndex } from '../../src/knowledge/knowledge-index.js';
import { randomQueries } from './knowledge-filler.js';
import { seededRandom } from './seeded-random.js';
import { percentile } from './load.js';

export interface LatencyFigures {
  searches: number;
  warmup: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

const WARMUP = 20;

/** Half the searches are the labelled questions (repeated), half random queries; shuffled with the seed. */
export function latencyQueries(questions: string[], count: number, seed: number): string[] {
  const asked = Array.from({ length: Math.ceil(count / 2) }, (_, i) => questions[i % questions.length]!);
  const all = [...asked, ...randomQueries(count - asked.length, seed + 1)];
  const random = seededRandom(seed + 2);
  for (let i = all.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [all[i], all[j]] = [all[j]!, all[i]!];
  }
  return all;
}

/** One search at a time (top 5, as an agent's turn asks), after WARMUP untimed ones. */
export async function timeSearches(index: KnowledgeIndex, queries: string[]): Promise<LatencyFigures> {
  for (const q of queries.slice(0, WARMUP)) await index.search(q, { topK: 5 });
  const ms: number[] = [];
  for (const q of queries) {
    const started = performance.now();
    await index.search(q, { topK: 5 });
    ms.push(performance.now() - started);
  }
  return { searches: ms.length, warmup: WARMUP, p50: percentile(ms, 50), p90: percentile(ms, 90), p99: percentile(ms, 99), max: Math.max(...ms) };
}
