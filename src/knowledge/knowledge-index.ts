/*
 * The department's memory (seed 3.1, 8.1): records of what it knows — the brand guide, approved
 * and published work, decisions, escalation outcomes, meeting notes, thread summaries, what people
 * asked it to remember — and a search over them. Postgres always keeps the records (its full-text
 * index is the embedded default); Pinecone, when configured, is the search index beside it. Both
 * indexes implement KnowledgeIndex and pass the same contract tests.
 */

export const KNOWLEDGE_TYPES = ['brand', 'deliverable', 'publication', 'decision', 'escalation', 'meeting', 'thread_summary', 'note'] as const;
export type KnowledgeType = (typeof KNOWLEDGE_TYPES)[number];

export interface KnowledgeRecord {
  /** Stable per source, so indexing the same thing again replaces it: `decision:dec_…`, `brand:voice.md#3`, `note:kn_…`. */
  id: string;
  type: KnowledgeType;
  title: string;
  /** The text searched and quoted (Markdown). */
  text: string;
  /** Who it comes from: an agent id, `human:<Slack user id>`, or a file under manifests/knowledge/. */
  source: string;
  createdAt: Date;
  /** Where to read it in Slack, when it has a place there. */
  permalink: string | null;
  conversationId: string | null;
}

export interface KnowledgeHit extends KnowledgeRecord {
  /** Higher is more relevant; comparable only within one search. */
  score: number;
}

export interface KnowledgeSearch {
  topK: number;
  /** Only these types; all when absent. */
  types?: KnowledgeType[];
}

/** A search index over knowledge records. */
export interface KnowledgeIndex {
  /** For logs and /dept search: "Postgres full-text search", "Pinecone index dept-knowledge". */
  readonly name: string;
  /** Inserts or replaces records by id. */
  upsert(records: KnowledgeRecord[]): Promise<void>;
  /** The most relevant records for words a person or an agent wrote, best first. */
  search(query: string, opts: KnowledgeSearch): Promise<KnowledgeHit[]>;
  /** Removes records by id; ids it does not hold are ignored. */
  remove(ids: string[]): Promise<void>;
}
