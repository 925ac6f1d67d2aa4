import { sql, type SQL } from 'drizzle-orm';

/*
 * The full-text twin's query, as tsqueries over the same words.
 *
 * websearch_to_tsquery ANDs every word, so a question ("what did we decide about the newsletter
 * send day?") finds nothing unless one record holds every word. `loose` is the same lexemes ORed,
 * which ranks; `strict` (websearch syntax: quotes, or, -word) lifts the records that hold every
 * word above those that hold some. `candidates` is what the GIN index is asked for: the strict
 * matches and the records holding any of the question's words that are not common (see
 * common-lexemes.ts). When every word is common, the strict matches alone: they rank first
 * anyway, so the answer is the same whenever there are topK of them (else search asks again).
 * plainto_tsquery's output is quoted lexemes joined by ' & ' (phrases by <->); a lexeme never
 * holds a space, so splitting on the operator is safe, and the cast to tsquery stems nothing again.
 */
export function knowledgeQueries(query: string, common: string[]): { strict: SQL; loose: SQL; candidates: SQL } {
  const operands = sql`string_to_array(plainto_tsquery('english', ${query})::text, ' & ')`;
  const loose = sql`array_to_string(${operands}, ' | ')`;
  const rare = sql`array_to_string(array(select o from unnest(${operands}) o where o <> all(${toTextArray(common)}::text[])), ' | ')`;
  const strict = sql`websearch_to_tsquery('english', ${query})`;
  return {
    strict,
    loose: sql`${loose}::tsquery`,
    candidates: sql`(case when ${rare} = '' then ${strict} else ${rare}::tsquery || ${strict} end)`,
  };
}

/**
 * Cover density over the ORed lexemes, title (A) ten times the text (D); normalisation 2 divides
 * by the record's length so a long record does not win by having room for every word (it measured
 * best), 32 maps it into [0, 1) so the +1 for matching the strict query always ranks such records
 * first.
 */
export function knowledgeScore(search: SQL, q: { strict: SQL; loose: SQL }, rank: 'ts_rank_cd' | 'ts_rank' = 'ts_rank_cd'): SQL<number> {
  return sql<number>`${sql.raw(rank)}('{0.1, 0.2, 0.4, 1.0}', ${search}, ${q.loose}, 2 | 32) + (${search} @@ ${q.strict})::int`;
}

/** A Postgres array literal: drizzle's sql tag would spread a JS array into separate parameters. */
function toTextArray(values: string[]): string {
  return `{${values.map((v) => `"${v.replace(/["\\]/g, '\\$&')}"`).join(',')}}`;
}
