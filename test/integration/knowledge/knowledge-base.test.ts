import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nock from 'nock';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { KnowledgeBase } from '../../../src/knowledge/knowledge-base.js';
import type { KnowledgeIndex } from '../../../src/knowledge/knowledge-index.js';
import { PostgresKnowledgeIndex } from '../../../src/knowledge/postgres-knowledge.js';
import { withTryLock } from '../../../src/store/try-lock.js';
import { WorkStore } from '../../../src/store/work-store.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';
import { department } from '../../support/meeting-harness.js';
import { pineconeFakeIndex } from '../../support/pinecone-fake.js';

/**
 * The department's memory on a real Postgres: what it reads from its records, what people tell it
 * to remember and to forget, and its brand guide; with Pinecone beside it, both kept in step.
 */
let t: TestDatabase;
let dir: string;
const permalink = (channelId: string | null, ts: string | null) => (channelId && ts ? `https://acme.slack.com/archives/${channelId}/p${ts.replace('.', '')}` : null);
beforeAll(async () => {
  t = await createTestDatabase();
  dir = mkdtempSync(join(tmpdir(), 'dept-knowledge-'));
  mkdirSync(join(dir, 'knowledge'));
});
afterAll(async () => {
  await t?.drop();
});

const base = (index?: ConstructorParameters<typeof KnowledgeBase>[0]['index']) => {
  const records = new PostgresKnowledgeIndex(t.store.db);
  return new KnowledgeBase({ records, index: index ?? records, db: t.store.db, department, departmentDir: dir, logger: pino({ level: 'silent' }), permalink });
};

describe('the knowledge base', () => {
  it("reads decisions from the records, with the thread's link, and a forgotten one never comes back", async () => {
    const kb = base();
    const conv = await t.store.ingestHumanMessage({ eventId: 'Ev-kb-1', eventType: 'app_mention', channelId: 'C0CONTENT', threadTs: '1800000001.000100', ts: '1800000001.000100', slackUserId: 'U0ALEX', text: 'send day?', targets: [] });
    if (conv.duplicate) throw new Error('duplicate');
    const work = new WorkStore(t.store.db);
    const { decision } = await work.recordDecision({ maker: 'vp_marketing', type: 'campaign_strategy', context: 'Newsletter timing', decision: 'We send the newsletter on Tuesdays at 10:00', reasoning: 'Open rates were highest on Tuesday mornings', actions: [], approvalChain: ['vp_marketing'], conversationId: conv.conversationId });
    expect(await kb.sync()).toBeGreaterThanOrEqual(1);
    const [hit] = await kb.search('which day do we send the newsletter', { topK: 3 });
    expect(hit).toMatchObject({ id: `decision:${decision.id}`, type: 'decision', source: 'vp_marketing', conversationId: conv.conversationId, permalink: 'https://acme.slack.com/archives/C0CONTENT/p1800000001000100' });
    expect(hit!.text).toContain('Open rates were highest on Tuesday mornings');

    expect(await kb.forget(`decision:${decision.id}`, 'U0ALEX')).toMatchObject({ id: `decision:${decision.id}` });
    expect(await kb.sync()).toBe(0);
    expect(await kb.search('newsletter Tuesday', { topK: 3 })).toEqual([]);
    expect(await kb.forget(`decision:${decision.id}`, 'U0ALEX')).toBeNull();
  });

  it('writes nothing when nothing is new: the newest record of a type, read again unchanged, is not sent to the index again', async () => {
    const records = new PostgresKnowledgeIndex(t.store.db);
    const upserted: string[][] = [];
    const recording: KnowledgeIndex = {
      name: 'recording',
      upsert: async (rs) => void upserted.push(rs.map((r) => r.id)),
      search: async () => [],
      remove: async () => {},
    };
    const kb = new KnowledgeBase({ records, index: recording, db: t.store.db, department, departmentDir: dir, logger: pino({ level: 'silent' }), permalink });
    const work = new WorkStore(t.store.db);
    const { decision } = await work.recordDecision({ maker: 'vp_marketing', type: 'campaign_strategy', context: 'Webinar cadence', decision: 'We run one webinar a month', reasoning: 'Fewer, better sessions', actions: [], approvalChain: ['vp_marketing'] });
    await kb.sync();
    expect(upserted.flat()).toContain(`decision:${decision.id}`);
    upserted.length = 0;
    expect(await kb.sync()).toBe(0);
    expect(upserted).toEqual([]);
  });

  it('keeps what a person asks it to remember, whole, and finds it by its words', async () => {
    const kb = base();
    const note = await kb.remember({ text: "Never say 'cheap'; say 'affordable'.", by: 'U0ALEX', permalink: 'https://acme.slack.com/archives/C1/p1' });
    expect(note).toMatchObject({ type: 'note', source: 'human:U0ALEX', text: "Never say 'cheap'; say 'affordable'." });
    expect(note.id).toMatch(/^note:kn_[0-9a-f]{16}$/);
    const [hit] = await kb.search('is it fine to call our plans cheap?', { topK: 3 });
    expect(hit).toMatchObject({ id: note.id, permalink: 'https://acme.slack.com/archives/C1/p1' });
  });

  it('loads the brand guide by section, again only where it changed, and forgets a removed section', async () => {
    const file = join(dir, 'knowledge', 'guide.md');
    writeFileSync(file, '# Guide\n\nIntro.\n\n## Voice\nPlain words.\n\n## Emoji\nAt most one per post.\n');
    const kb = base();
    expect(await kb.loadGuide()).toEqual({ indexed: 2, removed: 0 });
    expect(await kb.loadGuide()).toEqual({ indexed: 0, removed: 0 });
    writeFileSync(file, '# Guide\n\nIntro.\n\n## Voice\nPlain words, short sentences.\n');
    expect(await kb.loadGuide()).toEqual({ indexed: 1, removed: 1 });
    expect(await kb.get('brand:guide.md#voice')).toMatchObject({ title: 'Guide — Voice', text: 'Plain words, short sentences.', source: 'manifests/knowledge/guide.md' });
    expect(await kb.get('brand:guide.md#emoji')).toBeNull();
    // Forgotten by a person, a section stays out though the file still has it.
    await kb.forget('brand:guide.md#voice', 'U0ALEX');
    expect(await kb.loadGuide()).toEqual({ indexed: 0, removed: 0 });
    expect(await kb.get('brand:guide.md#voice')).toBeNull();
  });

  it('loads the brand guide on the first sync tick it gets, and skips ticks while another process syncs', async () => {
    const guideDir = mkdtempSync(join(tmpdir(), 'dept-knowledge-guide-'));
    mkdirSync(join(guideDir, 'knowledge'));
    writeFileSync(join(guideDir, 'knowledge', 'tone.md'), '# Tone\n\n## Humour\nLight, never at a customer.\n');
    const records = new PostgresKnowledgeIndex(t.store.db);
    const kb = new KnowledgeBase({ records, index: records, db: t.store.db, department, departmentDir: guideDir, logger: pino({ level: 'silent' }), permalink });
    let release!: () => void;
    let locked = false;
    const other = withTryLock(t.store.db, 'knowledge_sync', () => {
      locked = true;
      return new Promise<void>((resolve) => (release = resolve));
    });
    await vi.waitFor(() => expect(locked).toBe(true));
    const synced = kb.keepSynced(50);
    try {
      await new Promise((r) => setTimeout(r, 300));
      expect(await kb.get('brand:tone.md#humour')).toBeNull();
      release();
      await other;
      await vi.waitFor(async () => expect(await kb.get('brand:tone.md#humour')).toMatchObject({ text: 'Light, never at a customer.' }));
    } finally {
      synced.stop();
    }
  });

  it('with Pinecone beside Postgres, remembers into both and forgets from both', async () => {
    nock.disableNetConnect();
    const { index, fake } = pineconeFakeIndex();
    try {
      const kb = base(index);
      const note = await kb.remember({ text: 'Our webinar series is called "Ops Hours".', by: 'U0ALEX' });
      expect(fake.namespace('marketing-department').has(note.id)).toBe(true);
      expect(await kb.get(note.id)).not.toBeNull();
      expect((await kb.search('what is the webinar series called', { topK: 3 }))[0]?.id).toBe(note.id);
      await kb.forget(note.id, 'U0ALEX');
      expect(fake.namespace('marketing-department').has(note.id)).toBe(false);
      expect(await kb.get(note.id)).toBeNull();
    } finally {
      fake.close();
      nock.enableNetConnect();
    }
  });
});
