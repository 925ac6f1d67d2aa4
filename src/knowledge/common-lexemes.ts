import { sql } from 'drizzle-orm';
import type { Db } from '../store/database.js';
import { rowsOf } from '../store/rows.js';

/*
 * The lexemes most knowledge records share ("plan", "team"), from the statistics ANALYZE keeps on
 * the tsvector column (pg_stats.most_common_elems). A question's common words match thousands of
 * records, and ranking every match is what a search spends its time on; leaving them out of the
 * candidate query keeps it to the records that share the question's rarer words. Autovacuum
 * refreshes the statistics on Postgres; where none exist yet (a new table, PGlite) nothing is
 * left out.
 */
export class CommonLexemes {
  private cached: { at: number; operands: string[] } | null = null;

  constructor(
    private readonly db: Db,
    /** A lexeme in more than this share of records is common. */
    private readonly share = 0.1,
    private readonly ttlMs = 60_000,
  ) {}

  /** Forgets what it read, so the next search reads the statistics again. */
  forget(): void {
    this.cached = null;
  }

  /** Tsquery operands as plainto_tsquery writes them (`'plan'`), to drop from a candidate query. */
  async operands(now = Date.now()): Promise<string[]> {
    if (this.cached && now - this.cached.at < this.ttlMs) return this.cached.operands;
    const rows = rowsOf<{ lexeme: string }>(
      await this.db.execute(sql`
        select u.lexeme from pg_stats s, unnest(s.most_common_elems::text::text[], s.most_common_elem_freqs) as u(lexeme, freq)
        where s.schemaname = current_schema() and s.tablename = 'knowledge' and s.attname = 'search'
          and u.lexeme is not null and u.freq > ${this.share}`),
    );
    const operands = rows.map((r) => `'${r.lexeme.replace(/'/g, "''")}'`);
    this.cached = { at: now, operands };
    return operands;
  }
}
