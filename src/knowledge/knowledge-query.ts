import { sql, type SQL } from 'drizzle-orm';

/*
 * The full-text twin's query, as two tsqueries over the same words.
 *
 * websearch_to_tsquery ANDs every word, so a question ("what did we decide about the newsletter
 * send day?") finds nothing unless one record holds every word. `loose` is the same lexemes
 * ORed, which the GIN index answers as cheaply; `strict` (websearch syntax: quotes, or, -word)
 * only lifts the records that hold every word above those that hold some.
 * plainto_tsquery's output is quoted lexemes joined by ' & ' (phrases by <->); a lexeme never
 * holds a space, so swapping the operator is safe, and the cast to tsquery stems nothing again.
 */
export function knowledgeQueries(query: string): { strict: SQL; loose: SQL } {
  return {
    strict: sql`websearch_to_tsquery('english', ${query})`,
    loose: sql`replace(plainto_tsquery('english', ${query})::text, ' & ', ' | ')::tsquery`,
  };
}

/**
 * Cover density over the ORed lexemes, title (A) ten times the text (D); normalisation 1 divides
 * by 1 + log(length) so a long record does not win by having room for every word, 32 maps it
 * into [0, 1) so the +1 for matching the strict query always ranks such records first.
 */
export function knowledgeScore(search: SQL, q: { strict: SQL; loose: SQL }): SQL<number> {
  return sql<number>`ts_rank_cd('{0.1, 0.2, 0.4, 1.0}', ${search}, ${q.loose}, 1 | 32) + (${search} @@ ${q.strict})::int`;
}
