import type { Index, Pinecone } from '@pinecone-database/pinecone';
import { KNOWLEDGE_TYPES, type KnowledgeHit, type KnowledgeIndex, type KnowledgeRecord, type KnowledgeSearch, type KnowledgeType } from './knowledge-index.js';

/*
 * The knowledge index in a Pinecone index with integrated embedding: records go in and queries go
 * out as text, and Pinecone's hosted model embeds both (@pinecone-database/pinecone `upsertRecords`
 * and `searchRecords`, the records API of https://docs.pinecone.io/guides/index-data/upsert-data
 * and https://docs.pinecone.io/reference/api/latest/data-plane/search_records). One namespace per
 * department: namespaces partition an index for multitenancy (https://docs.pinecone.io/docs/upsert-data).
 *
 * Wire shapes (X-Pinecone-Api-Version 2026-04, Api-Key header, on the index host from describe_index):
 *   POST /records/namespaces/{ns}/upsert   NDJSON, one `{"_id": …, "chunk_text": …, …metadata}` per line
 *   POST /records/namespaces/{ns}/search   {"query":{"inputs":{"text":…},"top_k":…,"filter":…},"fields":[…],"rerank":{…}}
 *                                          → {"result":{"hits":[{"_id","_score","fields":{…}}]},"usage":{…}}
 *   POST /vectors/delete                   {"ids":[…],"namespace":…}   (https://docs.pinecone.io/reference/api/2025-04/data-plane/delete)
 */

/**
 * "Max batch size for records with text: 96 records" — the hosted embedding models embed at most 96
 * inputs at once (https://docs.pinecone.io/reference/api/database-limits/operation-limits#upsert-limits).
 */
export const PINECONE_UPSERT_BATCH = 96;
/** "Max vectors per fetch or delete request is 1,000" (same page, fetch and delete limits). */
export const PINECONE_DELETE_BATCH = 1000;
/**
 * Pinecone keeps at most 40 KB of metadata per record, and the embedded text field is metadata too
 * (https://docs.pinecone.io/reference/api/database-limits/operation-limits). The index keeps what
 * it needs to find a record; Postgres keeps the whole record. Longer texts are cut, whole characters.
 */
export const PINECONE_TEXT_BYTES = 30_000;

/** The field the index's `field_map` embeds when nothing else is said: Pinecone's own examples use it. */
export const DEFAULT_TEXT_FIELD = 'chunk_text';

/** Hosted reranking model for integrated reranking (https://docs.pinecone.io/guides/search/rerank-results#reranking-models). */
export const DEFAULT_RERANK_MODEL = 'bge-reranker-v2-m3';

export interface PineconeKnowledgeOptions {
  /** The index host from describe_index; without it the SDK describes the index once to find it. */
  host?: string;
  /** The source-text field of the index (`embed.field_map.text`); default chunk_text. */
  textField?: string;
  /** Rerank the first results with a hosted model (bge-reranker-v2-m3 when true) on the text field. */
  rerank?: boolean | { model: string };
}

/** Metadata fields besides the embedded text; Pinecone metadata cannot hold null, so absent is ''. */
const FIELDS = ['type', 'title', 'source', 'created_at', 'permalink', 'conversation_id'] as const;
const SEPARATOR = '\n\n';

type StoredFields = Partial<Record<(typeof FIELDS)[number] | string, unknown>>;

export class PineconeKnowledgeIndex implements KnowledgeIndex {
  readonly name: string;
  private readonly namespace: Index;
  private readonly textField: string;
  private readonly rerankModel: string | undefined;

  constructor(client: Pinecone, indexName: string, namespace: string, options: PineconeKnowledgeOptions = {}) {
    this.name = `Pinecone index ${indexName}`;
    this.namespace = client.index({ name: indexName, ...(options.host ? { host: options.host } : {}), namespace });
    this.textField = options.textField ?? DEFAULT_TEXT_FIELD;
    this.rerankModel = options.rerank === true ? DEFAULT_RERANK_MODEL : options.rerank ? options.rerank.model : undefined;
  }

  async upsert(records: KnowledgeRecord[]): Promise<void> {
    // The last version of an id wins, as it would one call at a time.
    const unique = [...new Map(records.map((r) => [r.id, r])).values()];
    for (let i = 0; i < unique.length; i += PINECONE_UPSERT_BATCH) {
      await this.namespace.upsertRecords({ records: unique.slice(i, i + PINECONE_UPSERT_BATCH).map((r) => this.toPinecone(r)) });
    }
  }

  async search(query: string, opts: KnowledgeSearch): Promise<KnowledgeHit[]> {
    const text = query.trim();
    if (text === '' || opts.topK < 1 || opts.types?.length === 0) return [];
    const topK = Math.floor(opts.topK);
    const response = await this.namespace.searchRecords({
      query: {
        // With a reranker, give it more candidates than it returns (bge-reranker-v2-m3 takes up to 100).
        topK: this.rerankModel ? Math.max(topK, Math.min(topK * 3, 100)) : topK,
        inputs: { text },
        // Metadata filter language: https://docs.pinecone.io/guides/search/filter-by-metadata
        ...(opts.types ? { filter: { type: { $in: [...new Set(opts.types)] } } } : {}),
      },
      fields: [this.textField, ...FIELDS],
      ...(this.rerankModel ? { rerank: { model: this.rerankModel, rankFields: [this.textField], topN: topK } } : {}),
    });
    return response.result.hits
      .map((hit) => this.toHit(hit._id, hit._score, hit.fields as StoredFields))
      .filter((h): h is KnowledgeHit => h !== undefined)
      .slice(0, topK);
  }

  async remove(ids: string[]): Promise<void> {
    const unique = [...new Set(ids)];
    for (let i = 0; i < unique.length; i += PINECONE_DELETE_BATCH) {
      await this.namespace.deleteMany({ ids: unique.slice(i, i + PINECONE_DELETE_BATCH) });
    }
  }

  /**
   * The embedded field holds title and text together, so both are searched; the text is not stored
   * a second time (the 40 KB metadata limit) and is read back from it.
   */
  private toPinecone(r: KnowledgeRecord): Record<string, string> {
    return {
      _id: r.id,
      [this.textField]: cutToBytes(`${r.title}${SEPARATOR}${r.text}`, PINECONE_TEXT_BYTES),
      type: r.type,
      title: r.title,
      source: r.source,
      created_at: r.createdAt.toISOString(),
      permalink: r.permalink ?? '',
      conversation_id: r.conversationId ?? '',
    };
  }

  private toHit(id: string, score: number, fields: StoredFields): KnowledgeHit | undefined {
    const type = str(fields.type);
    if (!(KNOWLEDGE_TYPES as readonly string[]).includes(type)) return undefined;
    const title = str(fields.title);
    const body = str(fields[this.textField]);
    const prefix = `${title}${SEPARATOR}`;
    const createdAt = new Date(str(fields.created_at));
    return {
      id,
      type: type as KnowledgeType,
      title,
      text: body.startsWith(prefix) ? body.slice(prefix.length) : body,
      source: str(fields.source),
      createdAt: Number.isNaN(createdAt.getTime()) ? new Date(0) : createdAt,
      permalink: str(fields.permalink) || null,
      conversationId: str(fields.conversation_id) || null,
      score,
    };
  }
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

/** At most `max` bytes of UTF-8, never half a character. */
export function cutToBytes(text: string, max: number): string {
  if (Buffer.byteLength(text, 'utf8') <= max) return text;
  let out = Buffer.from(text, 'utf8').subarray(0, max).toString('utf8');
  if (out.endsWith('\uFFFD')) out = out.slice(0, -1);
  return out;
}
