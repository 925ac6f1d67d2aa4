import type { LatencyFigures } from './knowledge-latency.js';
import { qualityFigures, type QuestionOutcome } from './knowledge-quality.js';

export interface QualityRow {
  label: string;
  outcomes: QuestionOutcome[];
}

const f2 = (n: number) => n.toFixed(2);
const ms = (n: number) => `${n.toFixed(2)} ms`;

function table(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => '  ' + cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('   ');
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/** Recall@5 (any answer / all answers), MRR@10, split by question kind; figures only, nothing asserted. */
export function printQuality(rows: QualityRow[]): void {
  console.log('\nRetrieval quality (each question searched once, top 10; recall@5 = an answering record in the top 5)');
  console.log(
    table(
      ['index and size', 'recall@5', 'all answers in top 5', 'MRR@10', 'recall@5 keyword', 'recall@5 paraphrase', 'search p50'],
      rows.map(({ label, outcomes }) => {
        const all = qualityFigures(outcomes);
        const kw = qualityFigures(outcomes.filter((o) => o.question.kind === 'keyword'));
        const para = qualityFigures(outcomes.filter((o) => o.question.kind === 'paraphrase'));
        const times = outcomes.map((o) => o.ms).sort((a, b) => a - b);
        return [label, f2(all.recallAt5), f2(all.strictRecallAt5), f2(all.mrr), `${f2(kw.recallAt5)} (${kw.questions})`, `${f2(para.recallAt5)} (${para.questions})`, ms(times[Math.floor(times.length / 2)] ?? 0)];
      }),
    ),
  );
  console.log('  Target for the full-text twin: recall@5 ≥ 0.8 (on the labelled set alone).');
}

/** The questions whose answers missed the top 5, with what came back instead. */
export function printMisses(label: string, outcomes: QuestionOutcome[]): void {
  const misses = outcomes.filter((o) => o.firstRank === undefined || o.firstRank > 5);
  console.log(`\nMissed the top 5 (${label}): ${misses.length} of ${outcomes.length}`);
  for (const o of misses) {
    const rank = o.firstRank === undefined ? 'not in top 10' : `first answer at rank ${o.firstRank}`;
    console.log(`  ${o.question.id} [${o.question.kind}] "${o.question.question}" → ${rank}; expected ${o.question.answers.join(', ')}; got ${o.returned.slice(0, 3).join(', ') || 'nothing'}`);
  }
}

export function printLatency(rows: { label: string; figures: LatencyFigures }[]): void {
  const first = rows[0]?.figures;
  console.log(`\nSearch latency (${first?.searches ?? 0} timed searches one at a time after ${first?.warmup ?? 0} untimed, top 5; half the labelled questions repeated, half random queries)`);
  console.log(table(['index and size', 'p50', 'p90', 'p99', 'max'], rows.map(({ label, figures: l }) => [label, ms(l.p50), ms(l.p90), ms(l.p99), ms(l.max)])));
  console.log('  Target for the full-text twin: p99 under 20 ms at 10,000 records.');
}
