import { Pinecone } from '@pinecone-database/pinecone';
import nock, { type Interceptor } from 'nock';
import { PineconeKnowledgeIndex } from '../../src/knowledge/pinecone-knowledge.js';

/*
 * An in-memory Pinecone behind nock, answering the SDK in the documented HTTP shapes (API version
 * 2026-04) of the calls the knowledge index makes:
 *   control plane  GET  /indexes/{name}                  https://docs.pinecone.io/reference/api/2026-04/control-plane/describe_index
 *                  POST /indexes/create-for-model        https://docs.pinecone.io/reference/api/2026-04/control-plane/create_for_model
 *   index host     POST /records/namespaces/{ns}/upsert  NDJSON  https://docs.pinecone.io/reference/api/2026-04/data-plane/upsert_records
 *                  POST /records/namespaces/{ns}/search          https://docs.pinecone.io/reference/api/latest/data-plane/search_records
 *                  POST /vectors/delete                          https://docs.pinecone.io/reference/api/2025-04/data-plane/delete
 * Every request needs the Api-Key header (401 otherwise, as Pinecone answers a rejected key).
 *
 * Search is not semantic: a record scores by the query's words it contains (case, plural and
 * common-word insensitive), and records sharing no word are left out, where a real index would
 * still return its nearest ones. Good enough for a contract; not a judge of ranking quality.
 */

export interface PineconeFakeOptions {
  apiKey?: string;
  indexName?: string;
  /** Where the SDK's control plane is pointed (controllerHostUrl); default Pinecone's own. */
  controllerHostUrl?: string;
  /** Host describe_index reports for the index (no scheme, as Pinecone reports it). */
  host?: string;
  /**
   * integrated: exists with a hosted embedding model; missing: describe answers 404 until
   * create-for-model; vectors: exists without integrated embedding (bring-your-own vectors).
   */
  index?: 'integrated' | 'missing' | 'vectors';
  /** The source-text field the index embeds (its field_map text). */
  textField?: string;
  /** Describes answering "Initializing" after a create, before "Ready". */
  describesUntilReady?: number;
}

export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  /** As sent: NDJSON for upserts, JSON text otherwise. */
  body: string;
}

export type StoredRecord = Record<string, unknown> & { _id: string };

export interface PineconeFake {
  readonly apiKey: string;
  readonly indexName: string;
  readonly controllerHostUrl: string;
  readonly host: string;
  readonly requests: RecordedRequest[];
  /** The records of one namespace, by id. */
  namespace(name: string): Map<string, StoredRecord>;
  /** Whether create-for-model was called, and with what body. */
  readonly created: Record<string, unknown> | undefined;
  /** Removes this fake's interceptors (other nock scopes stay). */
  close(): void;
}

const STOP_WORDS = new Set('a an and are as at be by for from has have in is it its of on or that the this to was were what when which who with we our you your did do does how'.split(' '));

export function pineconeFake(options: PineconeFakeOptions = {}): PineconeFake {
  const apiKey = options.apiKey ?? 'pcsk_test_key';
  const indexName = options.indexName ?? 'dept-knowledge';
  const controllerHostUrl = (options.controllerHostUrl ?? 'https://api.pinecone.io').replace(/\/$/, '');
  const host = options.host ?? `${indexName}-abc1234.svc.aped-4627-b74a.pinecone.io`;
  const textField = options.textField ?? 'chunk_text';
  const namespaces = new Map<string, Map<string, StoredRecord>>();
  const requests: RecordedRequest[] = [];
  let state: 'missing' | 'initializing' | 'ready' = options.index === 'missing' ? 'missing' : 'ready';
  let describesLeft = options.describesUntilReady ?? 1;
  let created: Record<string, unknown> | undefined;
  let embedModel = 'llama-text-embed-v2';

  const ns = (name: string) => {
    let m = namespaces.get(name);
    if (!m) namespaces.set(name, (m = new Map()));
    return m;
  };

  /** Pinecone's IndexModel as describe_index and create_for_model return it. */
  const indexModel = () => ({
    name: indexName,
    vector_type: 'dense',
    metric: 'cosine',
    dimension: 1024,
    status: { ready: state === 'ready', state: state === 'ready' ? 'Ready' : 'Initializing' },
    host,
    spec: { serverless: { region: 'us-east-1', cloud: 'aws' } },
    deletion_protection: 'disabled',
    tags: null,
    ...(options.index === 'vectors'
      ? {}
      : {
          embed: {
            model: embedModel,
            field_map: { text: textField },
            dimension: 1024,
            metric: 'cosine',
            write_parameters: { input_type: 'passage', truncate: 'END' },
            read_parameters: { input_type: 'query', truncate: 'END' },
            vector_type: 'dense',
          },
        }),
  });

  type Reply = [number, string | Record<string, unknown>];
  const handle = (method: string, fn: (path: string, body: string) => Reply) =>
    function (this: { req: { headers: Record<string, string | string[] | undefined> } }, path: string, body: unknown): Reply {
      const text = typeof body === 'string' ? body : body === undefined ? '' : JSON.stringify(body);
      const headers = this.req.headers;
      requests.push({ method, path, headers, body: text });
      if (headers['api-key'] !== apiKey) return [401, 'Invalid API Key'];
      return fn(path, text);
    };

  const control = nock(controllerHostUrl).persist();
  const data = nock(`https://${host}`).persist();
  const interceptors: Interceptor[] = [];
  const on = (i: Interceptor, method: string, fn: (path: string, body: string) => Reply) => {
    interceptors.push(i);
    i.reply(handle(method, fn));
  };

  on(control.get(`/indexes/${indexName}`), 'GET', () => {
    if (state === 'missing') return [404, { error: { code: 'NOT_FOUND', message: `Resource ${indexName} not found` }, status: 404 }];
    if (state === 'initializing') {
      if (describesLeft > 0) describesLeft -= 1;
      else state = 'ready';
    }
    return [200, indexModel()];
  });

  on(control.post('/indexes/create-for-model'), 'POST', (_path, body) => {
    const request = JSON.parse(body) as { name?: string; embed?: { model?: string } };
    if (state !== 'missing') return [409, { error: { code: 'ALREADY_EXISTS', message: 'Resource already exists' }, status: 409 }];
    if (request.name !== indexName) return [400, { error: { code: 'INVALID_ARGUMENT', message: `this fake serves ${indexName}` }, status: 400 }];
    created = request as Record<string, unknown>;
    embedModel = request.embed?.model ?? embedModel;
    state = describesLeft > 0 ? 'initializing' : 'ready';
    return [201, indexModel()];
  });

  on(data.post(/^\/records\/namespaces\/[^/]+\/upsert$/), 'POST', (path, body) => {
    const records = body
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const target = ns(decodeURIComponent(path.split('/')[3] ?? ''));
    for (const r of records) {
      const id = (r._id ?? r.id) as string | undefined;
      if (!id) return [400, { error: { code: 'INVALID_ARGUMENT', message: 'Missing _id' }, status: 400 }];
      if (typeof r[textField] !== 'string') return [400, { error: { code: 'INVALID_ARGUMENT', message: `Missing ${textField}` }, status: 400 }];
      const { id: _alias, ...rest } = r;
      target.set(id, { ...rest, _id: id });
    }
    return [201, ''];
  });

  on(data.post(/^\/records\/namespaces\/[^/]+\/search$/), 'POST', (path, body) => {
    const request = JSON.parse(body) as {
      query: { top_k: number; inputs?: { text?: string }; filter?: Record<string, unknown> };
      fields?: string[];
      rerank?: { model: string; rank_fields: string[]; top_n?: number };
    };
    const queryWords = words(request.query.inputs?.text ?? '');
    const hits = [...ns(decodeURIComponent(path.split('/')[3] ?? '')).values()]
      .filter((r) => matchesFilter(r, request.query.filter))
      .map((r) => ({ r, score: overlap(queryWords, words(String(r[textField] ?? ''))) }))
      .filter((h) => h.score > 0)
      .sort((a, b) => b.score - a.score || a.r._id.localeCompare(b.r._id))
      .slice(0, request.query.top_k)
      .slice(0, request.rerank?.top_n ?? request.query.top_k)
      .map(({ r, score }) => ({ _id: r._id, _score: score, fields: pick(r, request.fields) }));
    return [200, { result: { hits }, usage: { read_units: 6, embed_total_tokens: queryWords.length, ...(request.rerank ? { rerank_units: 1 } : {}) } }];
  });

  on(data.post('/vectors/delete'), 'POST', (_path, body) => {
    const request = JSON.parse(body) as { ids?: string[]; namespace?: string; deleteAll?: boolean };
    const target = ns(request.namespace ?? '__default__');
    if (request.deleteAll) target.clear();
    for (const id of request.ids ?? []) target.delete(id);
    return [200, {}];
  });

  return {
    apiKey,
    indexName,
    controllerHostUrl,
    host,
    requests,
    namespace: ns,
    get created() {
      return created;
    },
    close() {
      for (const i of interceptors) nock.removeInterceptor(i);
    },
  };
}

/**
 * A PineconeKnowledgeIndex on a fresh fake, for the shared contract suite:
 * `knowledgeIndexContract('Pinecone', async () => pineconeFakeIndex().index)`, with
 * nock.disableNetConnect() around it; close() the fake after each test.
 */
export function pineconeFakeIndex(options: PineconeFakeOptions & { namespace?: string } = {}): { index: PineconeKnowledgeIndex; fake: PineconeFake } {
  const fake = pineconeFake(options);
  const client = new Pinecone({ apiKey: fake.apiKey, controllerHostUrl: fake.controllerHostUrl, maxRetries: 0 });
  const index = new PineconeKnowledgeIndex(client, fake.indexName, options.namespace ?? 'marketing-department', { host: fake.host, textField: options.textField });
  return { index, fake };
}

/** Lower-case words without common ones; a trailing plural s is dropped. */
function words(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter((w) => !STOP_WORDS.has(w)).map((w) => (w.length > 3 && w.endsWith('s') && !w.endsWith('ss') ? w.slice(0, -1) : w));
}

/** Query words found in the record (a word also matches a longer one it starts, launch → launched), with a little for repeats. */
function overlap(query: string[], record: string[]): number {
  let score = 0;
  for (const q of new Set(query)) {
    const n = record.filter((w) => w === q || (q.length >= 4 && w.startsWith(q)) || (w.length >= 4 && q.startsWith(w))).length;
    if (n > 0) score += 1 + Math.min(n, 5) / 50;
  }
  return score;
}

/** The subset of Pinecone's metadata filter language the knowledge index uses: {field: value}, $eq, $in, $and. */
function matchesFilter(r: StoredRecord, filter: Record<string, unknown> | undefined): boolean {
  if (!filter) return true;
  return Object.entries(filter).every(([key, cond]) => {
    if (key === '$and') return (cond as Record<string, unknown>[]).every((f) => matchesFilter(r, f));
    const v = r[key];
    if (cond && typeof cond === 'object' && !Array.isArray(cond)) {
      const c = cond as { $eq?: unknown; $in?: unknown[] };
      if ('$eq' in c) return v === c.$eq;
      if ('$in' in c) return (c.$in ?? []).includes(v);
      throw new Error(`pineconeFake: unsupported filter ${JSON.stringify(cond)}`);
    }
    return v === cond;
  });
}

function pick(r: StoredRecord, fields: string[] | undefined): Record<string, unknown> {
  const { _id, ...all } = r;
  if (!fields) return all;
  return Object.fromEntries(fields.filter((f) => f in all).map((f) => [f, all[f]]));
}
