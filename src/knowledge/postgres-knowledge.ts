import { count, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../store/database.js';
import { rowsOf } from '../store/rows.js';
import type { KnowledgeHit, KnowledgeIndex, KnowledgeRecord, KnowledgeSearch, KnowledgeType } from './knowledge-index.js';
import { CommonLexemes } from './common-lexemes.js';
import { knowledgeQueries, knowledgeScore } from './knowledge-query.js';
import { knowledge } from './knowledge-schema.js';

/** Rows per insert: 9 parameters a row stays far below Postgres's 65,535. */
const UPSERT_CHUNK = 500;

/** Records cover density ranks in a search, the best by ts_rank of those the index found. */
const POOL = 100;

/** The embedded default: the knowledge table searched by its own tsvector (migrations/0012). */
export class PostgresKnowledgeIndex implements KnowledgeIndex {
  readonly name = 'Postgres full-text search';

  private readonly common: CommonLexemes;

  constructor(private readonly db: Db) {
    this.common = new CommonLexemes(db);
  }

  async upsert(records: KnowledgeRecord[]): Promise<void> {
    // One statement cannot update a row twice: the last record given for an id wins.
    const unique = [...new Map(records.map((r) => [r.id, r])).values()];
    for (let i = 0; i < unique.length; i += UPSERT_CHUNK) {
      await this.db
        .insert(knowledge)
        .values(unique.slice(i, i + UPSERT_CHUNK).map(toRow))
        .onConflictDoUpdate({
          target: knowledge.id,
          set: {
            type: sql`excluded.type`,
            title: sql`excluded.title`,
            text: sql`excluded.text`,
            source: sql`excluded.source`,
            createdAt: sql`excluded.created_at`,
            permalink: sql`excluded.permalink`,
            conversationId: sql`excluded.conversation_id`,
            updatedAt: sql`now()`,
          },
        });
    }
  }

  async search(query: string, opts: KnowledgeSearch): Promise<KnowledgeHit[]> {
    if (!query.trim() || opts.topK <= 0) return [];
    const common = await this.common.operands();
    const hits = await this.rank(query, opts, common);
    // Too few records share the question's rarer words: let its common words find the rest.
    return hits.length < opts.topK && common.length ? this.rank(query, opts, []) : hits;
  }

  private async rank(query: string, opts: KnowledgeSearch, common: string[]): Promise<KnowledgeHit[]> {
    const q = knowledgeQueries(query, common);
    const types = opts.types?.length ? sql`and type in (${sql.join(opts.types.map((t) => sql`${t}`), sql`, `)})` : sql``;
    // A materialised CTE builds the tsqueries once; read through scalar subqueries they reach the
    // plan as parameters, which the GIN index answers (a lateral join was flattened and re-parsed
    // the text of the query for every row).
    const result = await this.db.execute(sql`
      with q as materialized (select ${q.strict} as strict, ${q.loose} as loose, ${q.candidates} as candidates),
      pool as (
        -- Common words match thousands of records: the cheap ts_rank keeps the best POOL of them
        -- for cover density to order (ts_rank_cd over thousands was the slowest search at 10,000).
        select id, created_at, search
        from knowledge
        where search @@ (select candidates from q) ${types}
        order by ${knowledgeScore(sql`search`, { strict: sql`(select strict from q)`, loose: sql`(select loose from q)` }, 'ts_rank')} desc
        limit ${POOL}
      ),
      best as (
        -- Ranked on the index's columns alone; the records' texts are read for the winners only.
        select id, created_at, ${knowledgeScore(sql`search`, { strict: sql`(select strict from q)`, loose: sql`(select loose from q)` })} as score
        from pool
        order by score desc, created_at desc
        limit ${opts.topK}
      )
      select k.id, k.type, k.title, k.text, k.source, k.created_at, k.permalink, k.conversation_id, best.score
      from best join knowledge k on k.id = best.id
      order by best.score desc, best.created_at desc`);
    return rowsOf<RawRow & { score: number | string }>(result).map((r) => ({ ...fromRaw(r), score: Number(r.score) }));
  }

  /**
   * Refreshes the statistics common-word pruning reads, after bulk indexing: autovacuum does it on
   * Postgres in time, PGlite has no autovacuum (0.5 s at 10,000 records; searches then took half as long).
   */
  async analyze(): Promise<void> {
    await this.db.execute(sql`analyze knowledge`);
    this.common.forget();
  }

  async remove(ids: string[]): Promise<void> {
    if (ids.length) await this.db.delete(knowledge).where(inArray(knowledge.id, ids));
  }

  async get(id: string): Promise<KnowledgeRecord | null> {
    const [row] = await this.db.select(columns).from(knowledge).where(eq(knowledge.id, id));
    return row ?? null;
  }

  async count(): Promise<number> {
    const [row] = await this.db.select({ n: count() }).from(knowledge);
    return row?.n ?? 0;
  }

  /** Newest first, for listings ("the latest decisions"); all types when none are given. */
  async latest(opts: { types?: KnowledgeType[]; limit: number }): Promise<KnowledgeRecord[]> {
    const query = this.db.select(columns).from(knowledge);
    const filtered = opts.types?.length ? query.where(inArray(knowledge.type, opts.types)) : query;
    return filtered.orderBy(desc(knowledge.createdAt), desc(knowledge.id)).limit(opts.limit);
  }
}

const columns = {
  id: knowledge.id,
  type: knowledge.type,
  title: knowledge.title,
  text: knowledge.text,
  source: knowledge.source,
  createdAt: knowledge.createdAt,
  permalink: knowledge.permalink,
  conversationId: knowledge.conversationId,
};

function toRow(r: KnowledgeRecord): typeof knowledge.$inferInsert {
  return { id: r.id, type: r.type, title: r.title, text: r.text, source: r.source, createdAt: r.createdAt, permalink: r.permalink, conversationId: r.conversationId };
}

interface RawRow {
  id: string;
  type: KnowledgeType;
  title: string;
  text: string;
  source: string;
  created_at: Date | string;
  permalink: string | null;
  conversation_id: string | null;
}

// Raw rows: node-postgres and PGlite both parse timestamptz, but a string is handled too.
function fromRaw(r: RawRow): KnowledgeRecord {
  return { id: r.id, type: r.type, title: r.title, text: r.text, source: r.source, createdAt: new Date(r.created_at), permalink: r.permalink, conversationId: r.conversation_id };
}
