import { parseArgs } from 'node:util';

export interface KnowledgeBenchOptions {
  /** `postgres`: the full-text twin on a fresh database; `naive`: the in-memory stand-in, no database. */
  index: 'postgres' | 'naive';
  /** Records in the index when latency is timed (the labelled set plus filler). */
  records: number;
  /** Timed searches at that size. */
  searches: number;
  seed: number;
  postgresUrl: string;
  pinecone: { apiKey: string; indexName: string } | undefined;
  logLevel: string;
}

/** `--index postgres|naive` (postgres), `--records N` (10000), `--searches N` (300), `--seed N` (1). */
export function knowledgeBenchOptions(argv: string[], env: NodeJS.ProcessEnv): KnowledgeBenchOptions {
  const { values } = parseArgs({ args: argv, options: { index: { type: 'string' }, records: { type: 'string' }, searches: { type: 'string' }, seed: { type: 'string' } } });
  const index = values.index ?? 'postgres';
  if (index !== 'postgres' && index !== 'naive') throw new Error(`--index must be postgres or naive (got "${index}")`);
  const count = (flag: string, raw: string | undefined, fallback: number, min: number) => {
    const n = raw === undefined ? fallback : Number(raw);
    if (!Number.isInteger(n) || n < min) throw new Error(`--${flag} must be a whole number of at least ${min} (got "${raw}")`);
    return n;
  };
  const apiKey = env.PINECONE_API_KEY;
  const indexName = env.PINECONE_INDEX;
  return {
    index,
    records: count('records', values.records, 10_000, 1),
    searches: count('searches', values.searches, 300, 1),
    seed: count('seed', values.seed, 1, 0),
    postgresUrl: env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    pinecone: apiKey && indexName ? { apiKey, indexName } : undefined,
    logLevel: env.BENCH_LOG_LEVEL ?? 'error',
  };
}
