import { randomBytes } from 'node:crypto';
import pg from 'pg';

export interface TrialDatabase {
  url: string;
  name: string;
  /** pg_terminate_backend on every connection the department holds to this database; how many were ended. */
  terminateBackends(): Promise<number>;
  /**
   * Deliveries the department has not finished (pending, running or held in its `deliveries`
   * table): while there are some, a takeover may still post. Undefined when it cannot be read.
   */
  unfinishedDeliveries(): Promise<number | undefined>;
  /** A read of the department's own tables (the workflow trial counts its runs, steps and approval requests). */
  rows<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  drop(): Promise<void>;
}

/** A fresh, empty database per trial (the department migrates it at start). */
export async function createTrialDatabase(adminUrl: string, tag: string): Promise<TrialDatabase> {
  const name = `dept_chaos_${tag.replace(/[^a-z0-9]/gi, '_').toLowerCase()}_${randomBytes(3).toString('hex')}`;
  await admin(adminUrl, `create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    async terminateBackends() {
      const rows = await admin(
        adminUrl,
        'select pg_terminate_backend(pid) as ended from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
        [name],
      );
      return rows.filter((r) => r.ended === true).length;
    },
    async unfinishedDeliveries() {
      const rows = await admin(url.toString(), "select count(*)::int as n from deliveries where status in ('pending', 'running', 'held')").catch(() => undefined);
      return rows?.[0]?.n as number | undefined;
    },
    rows: async <T,>(sql: string, params: unknown[] = []) => (await admin(url.toString(), sql, params)) as T[],
    drop: async () => void (await admin(adminUrl, `drop database if exists ${name} with (force)`)),
  };
}

async function admin(url: string, sql: string, params: unknown[] = []): Promise<Record<string, unknown>[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as Record<string, unknown>[];
  } finally {
    await client.end();
  }
}
