import { sql, type SQL } from 'drizzle-orm';
import { customType, index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import type { KnowledgeType } from './knowledge-index.js';

/*
 * The department's knowledge records (seed 3.1, 8.1), kept in Postgres whichever index searches
 * them. `search` is the full-text twin's index: a STORED generated tsvector, so no write path can
 * forget to update it, with the title weighted A above the text's D.
 */

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

export const knowledge = pgTable(
  'knowledge',
  {
    /** Stable per source (`decision:dec_…`): indexing the same thing again replaces it. */
    id: text('id').primaryKey(),
    type: text('type').$type<KnowledgeType>().notNull(),
    title: text('title').notNull(),
    text: text('text').notNull(),
    source: text('source').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    permalink: text('permalink'),
    conversationId: text('conversation_id'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    search: tsvector('search')
      .notNull()
      .generatedAlwaysAs(
        (): SQL => sql`setweight(to_tsvector('english', ${knowledge.title}), 'A') || setweight(to_tsvector('english', ${knowledge.text}), 'D')`,
      ),
  },
  (t) => [
    // No pending list: searches would scan it linearly until a vacuum merges it, and PGlite
    // has no autovacuum (a search at 10,000 records took 4 ms in the index instead of 0.04 ms).
    index('knowledge_search_idx').using('gin', t.search).with({ fastupdate: false }),
    // Listings ("the latest decisions") read newest first within a type.
    index('knowledge_type_created_idx').on(t.type, t.createdAt),
  ],
);
