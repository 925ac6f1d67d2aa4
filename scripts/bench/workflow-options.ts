import { parseArgs } from 'node:util';

export interface WorkflowBenchOptions {
  /** Content workflows to run. */
  runs: number;
  /** Workflows in flight at once: a new one is asked for as soon as one is done. */
  concurrency: number;
  postgresUrl: string;
  redisUrl: string;
  /** A workflow not done by then fails the run (the figures would be wrong). */
  timeoutMs: number;
  /** The department's own log (pino, to stderr): quiet unless something fails. */
  logLevel: string;
}

/** `--runs N` (5) and `--concurrency C` (2); the services as the test suite finds them. */
export function workflowBenchOptions(argv: string[], env: NodeJS.ProcessEnv): WorkflowBenchOptions {
  const { values } = parseArgs({ args: argv, options: { runs: { type: 'string' }, concurrency: { type: 'string' } } });
  const count = (flag: string, raw: string | undefined, fallback: number) => {
    const n = raw === undefined ? fallback : Number(raw);
    if (!Number.isInteger(n) || n < 1) throw new Error(`--${flag} must be a whole number of at least 1 (got "${raw}")`);
    return n;
  };
  return {
    runs: count('runs', values.runs, 5),
    concurrency: count('concurrency', values.concurrency, 2),
    postgresUrl: env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    redisUrl: env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379',
    timeoutMs: Number(env.BENCH_TIMEOUT_MS ?? 120_000),
    logLevel: env.BENCH_LOG_LEVEL ?? 'error',
  };
}
