/**
 * Knowledge retrieval benchmark: the labelled set in scripts/bench/knowledge-set.json (records of a
 * fictional B2B marketing department and questions in everyday words, each with the records that
 * answer it) is loaded into the Postgres full-text twin on a fresh database; each question is asked
 * once for recall@5 (an answering record in the top 5, and the stricter "all of them"), and MRR@10.
 * Then the index is padded to 10,000 records with generated filler, the questions are asked again
 * among the distractors, and 300 searches are timed (p50 / p90 / p99 / max). With PINECONE_API_KEY
 * and PINECONE_INDEX, the quality is measured on Pinecone too, in a namespace of its own emptied at
 * the end. Figures are printed, never asserted.
 *
 *   npm run bench:knowledge
 *   npm run bench:knowledge -- --index naive          # the in-memory stand-in, no database
 *   npm run bench:knowledge -- --records 10000 --searches 300 --seed 1
 *
 * BENCH_POSTGRES_URL (postgres://postgres@127.0.0.1:5432/postgres), PINECONE_API_KEY, PINECONE_INDEX, BENCH_LOG_LEVEL (error).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino, type Logger } from 'pino';
import type { KnowledgeIndex, KnowledgeRecord } from '../src/knowledge/knowledge-index.js';
import { openDatabase } from '../src/store/database.js';
import { fillerRecords } from './bench/knowledge-filler.js';
import { latencyQueries, timeSearches, type LatencyFigures } from './bench/knowledge-latency.js';
import { openIndex } from './bench/knowledge-open-index.js';
import { knowledgeBenchOptions, type KnowledgeBenchOptions } from './bench/knowledge-options.js';
import { openPinecone, waitUntilSearchable } from './bench/knowledge-pinecone.js';
import { askQuestions } from './bench/knowledge-quality.js';
import { printLatency, printMisses, printQuality, type QualityRow } from './bench/knowledge-report.js';
import { loadKnowledgeSet, type KnowledgeSet } from './bench/knowledge-set.js';
import { NaiveKeywordIndex } from './bench/naive-keyword-index.js';
import { createTrialDatabase } from './chaos/postgres.js';

const BATCH = 500;

async function upsertInBatches(index: KnowledgeIndex, records: KnowledgeRecord[]): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < records.length; i += BATCH) await index.upsert(records.slice(i, i + BATCH));
  return performance.now() - started;
}

/** Fresh planner statistics after a bulk load (start-up does the same on PGlite, which has no autovacuum). */
const settle = async (index: KnowledgeIndex) => {
  if ('analyze' in index && typeof index.analyze === 'function') await (index as { analyze(): Promise<void> }).analyze();
};

/** The full-text twin on a fresh database (dropped at the end), or the stand-in with `--index naive`. */
async function withIndex(opts: KnowledgeBenchOptions, logger: Logger, use: (index: KnowledgeIndex) => Promise<void>): Promise<void> {
  if (opts.index === 'naive') return use(new NaiveKeywordIndex());
  const database = await createTrialDatabase(opts.postgresUrl, 'bench_knowledge');
  const dataDir = mkdtempSync(path.join(tmpdir(), 'bench-knowledge-')); // unused with a URL; openDatabase asks for one
  try {
    const opened = await openDatabase({ url: database.url, dataDir, poolSize: 4, logger });
    try {
      await use(await openIndex(opened.db));
    } finally {
      await opened.close();
    }
  } finally {
    await database.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function measureFullText(opts: KnowledgeBenchOptions, set: KnowledgeSet, logger: Logger, quality: QualityRow[], latency: { label: string; figures: LatencyFigures }[]) {
  await withIndex(opts, logger, async (index) => {
    await upsertInBatches(index, set.records);
    await settle(index);
    const small = await askQuestions(index, set.questions);
    quality.push({ label: `${index.name}, ${set.records.length} records`, outcomes: small });

    const filler = fillerRecords(Math.max(0, opts.records - set.records.length), opts.seed);
    const upsertMs = await upsertInBatches(index, filler);
    await settle(index);
    const size = set.records.length + filler.length;
    console.log(`${index.name}: ${filler.length} filler records upserted in batches of ${BATCH} in ${(upsertMs / 1000).toFixed(1)} s (${size} records in all).`);
    quality.push({ label: `${index.name}, ${size} records`, outcomes: await askQuestions(index, set.questions) });
    const queries = latencyQueries(set.questions.map((q) => q.question), opts.searches, opts.seed);
    latency.push({ label: `${index.name}, ${size} records`, figures: await timeSearches(index, queries) });
  });
}

async function measurePinecone(pinecone: { apiKey: string; indexName: string }, set: KnowledgeSet, logger: Logger, quality: QualityRow[]) {
  const namespace = `bench-knowledge-${randomBytes(4).toString('hex')}`;
  const index = await openPinecone({ ...pinecone, namespace, logger });
  try {
    await upsertInBatches(index, set.records);
    const waited = await waitUntilSearchable(index, set.records[set.records.length - 1]!);
    console.log(`${index.name}: namespace ${namespace}, ${set.records.length} records searchable after ${(waited / 1000).toFixed(1)} s.`);
    const outcomes = await askQuestions(index, set.questions);
    quality.push({ label: `${index.name}, ${set.records.length} records`, outcomes });
  } finally {
    await index.remove(set.records.map((r) => r.id));
  }
}

/** "31 brand, 24 decision, …" */
function tally(values: string[]): string {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].map(([v, n]) => `${n} ${v}`).join(', ');
}

async function main() {
  const opts = knowledgeBenchOptions(process.argv.slice(2), process.env);
  const logger = pino({ level: opts.logLevel }, pino.destination(2));
  const set = loadKnowledgeSet();
  const byType = tally(set.records.map((r) => r.type));
  const kinds = tally(set.questions.map((q) => q.kind));
  console.log(
    `Knowledge retrieval benchmark: labelled set of ${set.records.length} records (${byType}) and ${set.questions.length} questions (${kinds}); ` +
      (opts.index === 'naive' ? 'index: the NAIVE IN-MEMORY STAND-IN (no database; its figures say nothing about the real index)' : 'index: Postgres full-text on a fresh database (dropped at the end)') +
      `; then padded to ${opts.records} records (filler seed ${opts.seed}) for ${opts.searches} timed searches. ` +
      (opts.pinecone ? `Pinecone index ${opts.pinecone.indexName}: quality on the labelled set.` : 'Pinecone: not measured (set PINECONE_API_KEY and PINECONE_INDEX).'),
  );
  const quality: QualityRow[] = [];
  const latency: { label: string; figures: LatencyFigures }[] = [];
  await measureFullText(opts, set, logger, quality, latency);
  // A Pinecone failure (missing module, key, quota) does not hide the full-text figures already measured.
  const pineconeFailure = opts.pinecone ? await measurePinecone(opts.pinecone, set, logger, quality).then(() => undefined, (err: unknown) => (err instanceof Error ? err.message : String(err))) : undefined;
  printQuality(quality);
  printLatency(latency);
  // Where each index missed on the labelled set alone (the rows measured before padding).
  for (const row of quality.filter((r) => r.label.endsWith(`, ${set.records.length} records`))) printMisses(row.label, row.outcomes);
  if (pineconeFailure) console.log(`\nPinecone: not measured: ${pineconeFailure}`);
}

main().catch((err: unknown) => {
  console.error(`bench:knowledge failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
