import { Writable } from 'node:stream';
import { Pinecone } from '@pinecone-database/pinecone';
import nock from 'nock';
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { KnowledgeRecord } from '../../../src/knowledge/knowledge-index.js';
import { PINECONE_UPSERT_BATCH, PineconeKnowledgeIndex } from '../../../src/knowledge/pinecone-knowledge.js';
import { pineconeNamespace } from '../../../src/knowledge/pinecone-namespace.js';
import { openPineconeIndex } from '../../../src/knowledge/pinecone-setup.js';
import { ConfigError } from '../../../src/lib/errors.js';
import { type PineconeFake, type PineconeFakeOptions, pineconeFake, pineconeFakeIndex } from '../../support/pinecone-fake.js';

/*
 * Pinecone's HTTP API through nock, in the shapes its reference documents (see the links in
 * test/support/pinecone-fake.ts), against the real @pinecone-database/pinecone client.
 */

const NAMESPACE = pineconeNamespace('Marketing Department');
let fakes: PineconeFake[] = [];

beforeAll(() => {
  nock.disableNetConnect();
});
afterEach(() => {
  for (const f of fakes) f.close();
  fakes = [];
  nock.cleanAll();
});
afterAll(() => {
  nock.enableNetConnect();
});

function fake(options: PineconeFakeOptions = {}): PineconeFake {
  const f = pineconeFake(options);
  fakes.push(f);
  return f;
}

function capturedLogger() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(JSON.parse(String(chunk)) as Record<string, unknown>);
      done();
    },
  });
  return { logger: pino({ level: 'info' }, stream), lines };
}

function open(f: PineconeFake, extra: Partial<Parameters<typeof openPineconeIndex>[0]> = {}) {
  const { logger, lines } = capturedLogger();
  const index = openPineconeIndex({ apiKey: f.apiKey, indexName: f.indexName, namespace: NAMESPACE, logger, controllerHostUrl: f.controllerHostUrl, pollIntervalMs: 5, maxRetries: 0, ...extra });
  return { index, lines };
}

const record = (over: Partial<KnowledgeRecord> & { id: string }): KnowledgeRecord => ({
  type: 'note',
  title: `Title of ${over.id}`,
  text: `Text of ${over.id}`,
  source: 'content_manager',
  createdAt: new Date('2026-03-02T10:00:00.000Z'),
  permalink: null,
  conversationId: null,
  ...over,
});

describe('opening the Pinecone knowledge index', () => {
  it('describes an existing index with integrated embedding and creates nothing', async () => {
    const f = fake();
    const { index, lines } = open(f);
    await expect(index).resolves.toBeInstanceOf(PineconeKnowledgeIndex);
    expect((await index).name).toBe('Pinecone index dept-knowledge');
    expect(f.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /indexes/dept-knowledge']);
    expect(f.requests[0]?.headers).toMatchObject({ 'api-key': f.apiKey, 'x-pinecone-api-version': '2026-04' });
    expect(lines).toEqual([]);
  });

  it('creates a missing index for a hosted embedding model, waits until it is ready and says so in one log line', async () => {
    const f = fake({ index: 'missing', describesUntilReady: 1 });
    const { index, lines } = open(f);
    await index;
    expect(f.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /indexes/dept-knowledge',
      'POST /indexes/create-for-model',
      'GET /indexes/dept-knowledge',
      'GET /indexes/dept-knowledge',
    ]);
    expect(f.created).toEqual({ name: 'dept-knowledge', cloud: 'aws', region: 'us-east-1', embed: { model: 'llama-text-embed-v2', field_map: { text: 'chunk_text' } } });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 30, index: 'dept-knowledge', msg: expect.stringMatching(/^Pinecone index dept-knowledge did not exist: created it with integrated embedding \(llama-text-embed-v2, aws us-east-1\)$/) });
  });

  it('uses the hosted model it is given for a new index', async () => {
    const f = fake({ index: 'missing', describesUntilReady: 0 });
    await open(f, { embedModel: 'multilingual-e5-large' }).index;
    expect(f.created).toMatchObject({ embed: { model: 'multilingual-e5-large', field_map: { text: 'chunk_text' } } });
  });

  it('refuses a rejected key in one sentence naming PINECONE_API_KEY', async () => {
    const f = fake();
    const failure = open(f, { apiKey: 'pcsk_revoked' }).index;
    await expect(failure).rejects.toThrow(ConfigError);
    await expect(failure).rejects.toThrow(/^PINECONE_API_KEY was rejected by Pinecone \(401 Unauthorized\): [^\n]+\.$/);
  });

  it('refuses an index without integrated embedding in one sentence naming PINECONE_INDEX', async () => {
    const f = fake({ index: 'vectors' });
    const failure = open(f).index;
    await expect(failure).rejects.toThrow(ConfigError);
    await expect(failure).rejects.toThrow(/^PINECONE_INDEX names "dept-knowledge", a Pinecone index without integrated embedding: [^\n]+\.$/);
  });

  it('writes and searches the text field the index maps', async () => {
    const f = fake({ textField: 'content' });
    const index = await open(f).index;
    await index.upsert([record({ id: 'note:1', title: 'Launch', text: 'Spring launch plan' })]);
    expect(f.namespace(NAMESPACE).get('note:1')).toMatchObject({ content: 'Launch\n\nSpring launch plan' });
    expect((await index.search('launch', { topK: 3 }))[0]).toMatchObject({ id: 'note:1', text: 'Spring launch plan' });
  });
});

describe('PineconeKnowledgeIndex on the records API', () => {
  it(`upserts in batches of ${PINECONE_UPSERT_BATCH} records as NDJSON into the department's namespace, without nulls`, async () => {
    const f = fake();
    const index = await open(f).index;
    const records = Array.from({ length: 200 }, (_, i) => record({ id: `note:${i}` }));
    records[0] = record({ id: 'note:0', type: 'decision', title: 'Tone', text: 'Plain words.', permalink: 'https://slack.example/p1', conversationId: 'conv_1' });
    await index.upsert(records);

    const upserts = f.requests.filter((r) => r.path.endsWith('/upsert'));
    expect(upserts.map((r) => r.path)).toEqual(Array(3).fill('/records/namespaces/marketing-department/upsert'));
    const batches = upserts.map((r) => r.body.split('\n').map((l) => JSON.parse(l) as Record<string, unknown>));
    expect(batches.map((b) => b.length)).toEqual([96, 96, 8]);
    expect(upserts[0]?.headers).toMatchObject({ 'api-key': f.apiKey, 'x-pinecone-api-version': '2026-04' });
    expect(batches[0]?.[0]).toEqual({
      _id: 'note:0',
      chunk_text: 'Tone\n\nPlain words.',
      type: 'decision',
      title: 'Tone',
      source: 'content_manager',
      created_at: '2026-03-02T10:00:00.000Z',
      permalink: 'https://slack.example/p1',
      conversation_id: 'conv_1',
    });
    expect(batches[0]?.[1]).toMatchObject({ _id: 'note:1', permalink: '', conversation_id: '' });
    expect(upserts.every((r) => !r.body.includes('null'))).toBe(true);
    expect(f.namespace(NAMESPACE).size).toBe(200);
  });

  it('sends nothing for nothing', async () => {
    const f = fake();
    const index = await open(f).index;
    await index.upsert([]);
    await index.remove([]);
    expect(await index.search('  ', { topK: 5 })).toEqual([]);
    expect(f.requests).toHaveLength(1); // the describe
  });

  it('searches with the query text, top_k, the fields it reads and a filter on type, and maps the hits back', async () => {
    const host = 'search-test-abc1234.svc.aped-4627-b74a.pinecone.io';
    const index = new PineconeKnowledgeIndex(new Pinecone({ apiKey: 'pcsk_test_key', maxRetries: 0 }), 'dept-knowledge', NAMESPACE, { host });
    const searchBodies: unknown[] = [];
    // The documented response of search_records.
    nock(`https://${host}`, { reqheaders: { 'api-key': 'pcsk_test_key', 'x-pinecone-api-version': '2026-04' } })
      .post('/records/namespaces/marketing-department/search', (body) => {
        searchBodies.push(body);
        return true;
      })
      .reply(200, {
        result: {
          hits: [
            {
              _id: 'decision:dec_1',
              _score: 0.87,
              fields: { chunk_text: 'Spring campaign\n\nWe launch on 3 March.', type: 'decision', title: 'Spring campaign', source: 'cmo', created_at: '2026-02-01T09:30:00.000Z', permalink: 'https://slack.example/p/1', conversation_id: 'conv_9' },
            },
            { _id: 'note:2', _score: 0.41, fields: { chunk_text: 'Untitled note body', type: 'meeting', title: '', source: 'human:U1', created_at: '2026-02-03T00:00:00.000Z', permalink: '', conversation_id: '' } },
          ],
        },
        usage: { read_units: 6, embed_total_tokens: 4 },
      });

    const hits = await index.search('  when does the spring campaign launch? ', { topK: 4, types: ['decision', 'meeting'] });

    expect(searchBodies).toEqual([
      {
        query: { top_k: 4, inputs: { text: 'when does the spring campaign launch?' }, filter: { type: { $in: ['decision', 'meeting'] } } },
        fields: ['chunk_text', 'type', 'title', 'source', 'created_at', 'permalink', 'conversation_id'],
      },
    ]);
    expect(hits).toEqual([
      { id: 'decision:dec_1', type: 'decision', title: 'Spring campaign', text: 'We launch on 3 March.', source: 'cmo', createdAt: new Date('2026-02-01T09:30:00.000Z'), permalink: 'https://slack.example/p/1', conversationId: 'conv_9', score: 0.87 },
      { id: 'note:2', type: 'meeting', title: '', text: 'Untitled note body', source: 'human:U1', createdAt: new Date('2026-02-03T00:00:00.000Z'), permalink: null, conversationId: null, score: 0.41 },
    ]);
  });

  it('reranks with a hosted model on the text field when asked, over more candidates than it returns', async () => {
    const f = fake();
    const index = await open(f, { rerank: true }).index;
    await index.upsert([record({ id: 'a', text: 'brand voice guide' }), record({ id: 'b', text: 'voice of the customer' })]);
    const hits = await index.search('brand voice', { topK: 1 });
    const body = JSON.parse(f.requests.find((r) => r.path.endsWith('/search'))?.body ?? '{}') as Record<string, unknown>;
    expect(body).toMatchObject({ query: { top_k: 3, inputs: { text: 'brand voice' } }, rerank: { model: 'bge-reranker-v2-m3', rank_fields: ['chunk_text'], top_n: 1 } });
    expect(body.query).not.toHaveProperty('filter');
    expect(hits.map((h) => h.id)).toEqual(['a']);
  });

  it('deletes by ids in its namespace only', async () => {
    const f = fake();
    const index = await open(f).index;
    const other = new PineconeKnowledgeIndex(new Pinecone({ apiKey: f.apiKey, maxRetries: 0 }), f.indexName, 'other-department', { host: f.host });
    await index.upsert([record({ id: 'note:1' }), record({ id: 'note:2' })]);
    await other.upsert([record({ id: 'note:1' })]);

    await index.remove(['note:1', 'note:1', 'never-held']);

    const deletes = f.requests.filter((r) => r.path === '/vectors/delete');
    expect(deletes.map((r) => JSON.parse(r.body))).toEqual([{ ids: ['note:1', 'never-held'], namespace: 'marketing-department' }]);
    expect(deletes[0]?.headers).toMatchObject({ 'api-key': f.apiKey, 'x-pinecone-api-version': '2026-04' });
    expect([...f.namespace(NAMESPACE).keys()]).toEqual(['note:2']);
    expect([...f.namespace('other-department').keys()]).toEqual(['note:1']);
  });

  it('keeps what the KnowledgeIndex port promises against the in-memory fake', async () => {
    const f = fake();
    const index = await open(f).index;
    await index.upsert([
      record({ id: 'brand:voice.md#1', type: 'brand', title: 'Voice', text: 'We write plainly and warmly.' }),
      record({ id: 'decision:dec_1', type: 'decision', title: 'Launch date', text: 'The spring campaign launches on 3 March.' }),
      record({ id: 'note:kn_1', type: 'note', title: 'Reminder', text: 'Ask legal about the spring launch claims.' }),
    ]);
    expect((await index.search('spring launch', { topK: 5 })).map((h) => h.id).sort()).toEqual(['decision:dec_1', 'note:kn_1']);
    expect((await index.search('spring launch', { topK: 5, types: ['decision'] })).map((h) => h.id)).toEqual(['decision:dec_1']);
    expect(await index.search('spring launch', { topK: 1 })).toHaveLength(1);

    await index.upsert([record({ id: 'decision:dec_1', type: 'decision', title: 'Launch date', text: 'Moved: the campaign starts on 10 March.' })]);
    const [replaced] = await index.search('campaign', { topK: 5 });
    expect(replaced).toMatchObject({ id: 'decision:dec_1', text: 'Moved: the campaign starts on 10 March.' });

    expect((await index.search('legal claims', { topK: 5 })).map((h) => h.id)).toEqual(['note:kn_1']);
    await index.remove(['note:kn_1']);
    expect(await index.search('legal claims', { topK: 5 })).toEqual([]);
  });

  it('answers through the real control plane host when no override is given', async () => {
    const f = fake({ controllerHostUrl: 'https://api.pinecone.io' });
    const { logger } = capturedLogger();
    await expect(openPineconeIndex({ apiKey: f.apiKey, indexName: f.indexName, namespace: NAMESPACE, logger, maxRetries: 0 })).resolves.toBeInstanceOf(PineconeKnowledgeIndex);
  });

  it('answers through an overridden control plane host', async () => {
    const f = fake({ controllerHostUrl: 'https://pinecone-control.test' });
    await expect(open(f).index).resolves.toBeInstanceOf(PineconeKnowledgeIndex);
    expect(f.requests).toHaveLength(1);
  });
});

describe('pineconeFakeIndex (for the shared contract suite)', () => {
  it('gives a ready index on a fresh fake, with no describe needed', async () => {
    const { index, fake: f } = pineconeFakeIndex();
    fakes.push(f);
    await index.upsert([record({ id: 'note:1', text: 'quarterly planning notes' })]);
    expect((await index.search('planning', { topK: 1 })).map((h) => h.id)).toEqual(['note:1']);
    expect(f.requests.map((r) => r.path)).toEqual(['/records/namespaces/marketing-department/upsert', '/records/namespaces/marketing-department/search']);
  });
});

describe('pineconeNamespace', () => {
  it('is a slug of the department name', () => {
    expect(pineconeNamespace('Marketing Department')).toBe('marketing-department');
    expect(pineconeNamespace('  Équipe Marketing & Growth! ')).toBe('equipe-marketing-growth');
    expect(pineconeNamespace('***')).toBe('department');
  });
});
