import type { SQL } from 'drizzle-orm';
import type { Db } from './database.js';

/** The parts of drizzle's database object that run a statement under a name (not in its public types). */
interface Internals {
  dialect: { sqlToQuery(statement: SQL): { sql: string; params: unknown[] } };
  session: { prepareQuery(query: { sql: string; params: unknown[] }, fields: undefined, name: string, arrayMode: boolean): { execute(): Promise<unknown> } };
}

/**
 * Runs a hot-path statement as a named prepared statement: Postgres parses it once per connection
 * and, after a few runs, reuses a generic plan. The turn statements are long CTEs whose planning
 * cost more than their execution (pg_stat_statements in the bench: 6.2 s planning against 4.8 s
 * executing for 3,000 answers). The text under one name must never change: statements keep every
 * value in parameters. PGlite (the offline database) ignores the name and runs it as usual.
 */
export function executeNamed(db: Db, name: string, statement: SQL): Promise<unknown> {
  const { dialect, session } = db as unknown as Internals;
  return session.prepareQuery(dialect.sqlToQuery(statement), undefined, name, false).execute();
}
