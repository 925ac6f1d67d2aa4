import { parseArgs } from 'node:util';

export interface StandupBenchOptions {
  /** Standups to hold, each on a fresh database (one standup a day per database). */
  runs: number;
  /** Fraction of chat.postMessage answered 429 (Retry-After 1) in each run. */
  rateLimits: number[];
  /** Whether --rate-limit was given (else the default schedule: the first run clean, the rest at 10%). */
  rateLimitGiven: boolean;
  /** Also time two Redis pacers on separate connections taking turns in one channel. */
  sharedPacers: boolean;
  postgresUrl: string;
  redisUrl: string;
  /** A standup not done by then fails the run. */
  timeoutMs: number;
  logLevel: string;
}

export const DEFAULT_RATE_LIMIT = 0.1;

/** `--runs N` (3), `--rate-limit F` (every run; default: run 1 at 0, the others at 0.1), `--no-shared-pacers`. */
export function standupBenchOptions(argv: string[], env: NodeJS.ProcessEnv): StandupBenchOptions {
  const { values } = parseArgs({ args: argv, options: { runs: { type: 'string' }, 'rate-limit': { type: 'string' }, 'no-shared-pacers': { type: 'boolean' } } });
  const runs = values.runs === undefined ? 3 : Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a whole number of at least 1 (got "${values.runs}")`);
  const given = values['rate-limit'];
  const fraction = given === undefined ? undefined : Number(given);
  if (fraction !== undefined && !(fraction >= 0 && fraction < 1)) throw new Error(`--rate-limit must be a fraction from 0 up to (not including) 1 (got "${given}")`);
  return {
    runs,
    rateLimits: Array.from({ length: runs }, (_, i) => fraction ?? (i === 0 ? 0 : DEFAULT_RATE_LIMIT)),
    rateLimitGiven: fraction !== undefined,
    sharedPacers: !values['no-shared-pacers'],
    postgresUrl: env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    redisUrl: env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379',
    timeoutMs: Number(env.BENCH_TIMEOUT_MS ?? 90_000),
    logLevel: env.BENCH_LOG_LEVEL ?? 'error',
  };
}
