import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KnowledgeIndex, KnowledgeRecord } from '../../src/knowledge/knowledge-index.js';

/**
 * What any KnowledgeIndex must do (Postgres full-text, Pinecone): register these tests in a
 * describe block of their own. makeIndex is called before each test and must hand back an empty
 * index; cleanup runs after it. `judgesRanking: false` for an index whose ranking is a stand-in's (Pinecone
 * through nock ranks by the fake's word overlap): the ranking cases would test the fake, not the index.
 */
export function knowledgeIndexContract(name: string, makeIndex: () => Promise<{ index: KnowledgeIndex; cleanup(): Promise<void> }>, opts: { judgesRanking?: boolean } = {}): void {
  const ranking = opts.judgesRanking === false ? it.skip : it;
  describe(`KnowledgeIndex contract: ${name}`, () => {
    let index: KnowledgeIndex;
    let cleanup: () => Promise<void>;
    beforeEach(async () => {
      ({ index, cleanup } = await makeIndex());
    });
    afterEach(async () => {
      await cleanup?.();
    });

    it('finds a record by words in its title or in its text', async () => {
      await index.upsert(CORPUS);
      expect(ids(await index.search('webinar', { topK: 5 }))).toContain('deliverable:webinar-invite');
      expect(ids(await index.search('Friday ninety minutes', { topK: 5 }))).toContain('meeting:2027-01-08-retro');
    });

    ranking('returns the best match first, scores never rising, no more than topK', async () => {
      await index.upsert(CORPUS);
      const hits = await index.search('brand voice', { topK: 3 });
      expect(hits.length).toBeGreaterThan(0);
      expect(hits.length).toBeLessThanOrEqual(3);
      expect(hits[0]!.id).toBe('brand:voice.md#1');
      for (let i = 1; i < hits.length; i++) expect(hits[i]!.score).toBeLessThanOrEqual(hits[i - 1]!.score);
      expect(await index.search('newsletter', { topK: 1 })).toHaveLength(1);
    });

    it('searches only the types asked for', async () => {
      await index.upsert(CORPUS);
      const hits = await index.search('newsletter', { topK: 10, types: ['decision'] });
      expect(hits.length).toBeGreaterThan(0);
      expect(hits.every((h) => h.type === 'decision')).toBe(true);
      const wider = await index.search('newsletter', { topK: 10, types: ['decision', 'brand'] });
      expect(new Set(wider.map((h) => h.type))).toEqual(new Set(['decision', 'brand']));
    });

    it('replaces a record upserted again under the same id: its old words no longer find it', async () => {
      const record = rec({ id: 'note:kn_1', type: 'note', title: 'Trade show booth', text: 'Reserve the booth at the Lisbon expo.' });
      await index.upsert([record]);
      expect(ids(await index.search('Lisbon', { topK: 5 }))).toEqual(['note:kn_1']);
      await index.upsert([{ ...record, title: 'Podcast sponsorship', text: 'Sponsor the Growth Loops podcast for a quarter.' }]);
      expect(await index.search('Lisbon', { topK: 5 })).toEqual([]);
      const hits = await index.search('podcast sponsorship', { topK: 5 });
      expect(ids(hits)).toEqual(['note:kn_1']);
      expect(hits[0]!.title).toBe('Podcast sponsorship');
    });

    it('removes records by id, and ignores ids it does not hold', async () => {
      await index.upsert(CORPUS);
      await index.remove(['deliverable:webinar-invite', 'note:never-indexed']);
      expect(ids(await index.search('webinar', { topK: 5 }))).not.toContain('deliverable:webinar-invite');
      await index.remove([]);
      await index.remove(['note:never-indexed']);
      expect(ids(await index.search('brand voice', { topK: 5 }))).toContain('brand:voice.md#1');
    });

    ranking('answers a question phrased naturally with the right record among distractors', async () => {
      await index.upsert(CORPUS);
      const hits = await index.search('what did we decide about the newsletter send day?', { topK: 5 });
      expect(hits[0]?.id).toBe('decision:dec_newsletter_day');
      const pricing = await index.search('how much does the pro plan cost after the price change?', { topK: 5 });
      expect(ids(pricing).slice(0, 3)).toContain('publication:pricing-announcement');
    });

    it('gives back every field as it was indexed', async () => {
      await index.upsert(CORPUS);
      const [hit] = await index.search('what did we decide about the newsletter send day?', { topK: 1 });
      const original = CORPUS.find((r) => r.id === 'decision:dec_newsletter_day')!;
      expect(hit).toMatchObject({ ...original, createdAt: original.createdAt });
      expect(hit!.createdAt).toBeInstanceOf(Date);
      expect(hit!.createdAt.getTime()).toBe(original.createdAt.getTime());
      expect(typeof hit!.score).toBe('number');
      const [brand] = await index.search('brand voice', { topK: 1 });
      expect(brand).toMatchObject({ id: 'brand:voice.md#1', source: 'manifests/knowledge/voice.md', permalink: null, conversationId: null });
    });
  });
}

const ids = (hits: { id: string }[]) => hits.map((h) => h.id);

function rec(r: Pick<KnowledgeRecord, 'id' | 'type' | 'title' | 'text'> & Partial<KnowledgeRecord>): KnowledgeRecord {
  return { source: 'human:U0APPROVER', createdAt: new Date('2027-01-04T15:00:00Z'), permalink: null, conversationId: null, ...r };
}

/** A small department's memory: the records the tests look for, and distractors sharing words with them. */
const CORPUS: KnowledgeRecord[] = [
  rec({
    id: 'decision:dec_newsletter_day',
    type: 'decision',
    title: 'Newsletter send day moves to Tuesday',
    text: 'We decided to send the weekly newsletter on Tuesday at 9:00 ET instead of Friday afternoon: Tuesday sends opened 18% more often in the December test.',
    source: 'email_marketing_manager',
    createdAt: new Date('2027-01-06T16:20:00Z'),
    permalink: 'https://acme.slack.com/archives/C0DECISIONS/p1799252400000100',
    conversationId: 'conv_C0DECISIONS_1799252400.000100',
  }),
  rec({
    id: 'brand:newsletter-template.md#1',
    type: 'brand',
    title: 'Newsletter template',
    text: 'Every newsletter opens with one story, then three links. Subject lines stay under 50 characters and never use all caps.',
    source: 'manifests/knowledge/newsletter-template.md',
  }),
  rec({
    id: 'deliverable:newsletter-jan',
    type: 'deliverable',
    title: 'January newsletter draft',
    text: 'Draft of the January issue: the product update, the customer story from Northwind, and the webinar reminder. Ready for review on Monday.',
    source: 'copywriter',
  }),
  rec({
    id: 'decision:dec_launch_day',
    type: 'decision',
    title: 'Spring launch day set for March 18',
    text: 'The spring campaign launches on March 18; paid social starts two days earlier to warm the audience.',
    source: 'vp_marketing',
  }),
  rec({
    id: 'brand:voice.md#1',
    type: 'brand',
    title: 'Brand voice',
    text: 'Our brand voice is plain, warm and specific. We write like a helpful colleague: short sentences, concrete numbers, no jargon.',
    source: 'manifests/knowledge/voice.md',
  }),
  rec({
    id: 'brand:colors.md#2',
    type: 'brand',
    title: 'Button colours',
    text: 'Primary buttons use brand teal (#0F766E) on white; never put the brand voice guide text on coloured backgrounds.',
    source: 'manifests/knowledge/colors.md',
  }),
  rec({
    id: 'deliverable:webinar-invite',
    type: 'deliverable',
    title: 'Webinar invitation email',
    text: 'Invitation to the February webinar on attribution for B2B teams, with a calendar link and the speaker line-up.',
    source: 'email_marketing_manager',
  }),
  rec({
    id: 'meeting:2027-01-08-retro',
    type: 'meeting',
    title: 'Weekly planning notes, January 8',
    text: 'Friday planning ran ninety minutes. Action items: the SEO brief by Wednesday, the social calendar for February, the send-time test for email.',
    source: 'vp_marketing',
    conversationId: 'conv_C0STANDUP_1799424000.000200',
  }),
  rec({
    id: 'publication:pricing-announcement',
    type: 'publication',
    title: 'Announcing our new pricing',
    text: 'From February 1 the Pro plan costs $49 a month per seat, billed annually; the Starter plan stays free for teams of up to three.',
    source: 'content_manager',
    permalink: 'https://blog.acme.example/new-pricing',
  }),
  rec({
    id: 'escalation:esc_price_complaint',
    type: 'escalation',
    title: 'Customer complaint on social about a plan change',
    text: 'A customer complained on LinkedIn that the change surprised them. Outcome: support replied within an hour and offered a call.',
    source: 'social_media_manager',
  }),
  rec({
    id: 'thread_summary:pricing-page',
    type: 'thread_summary',
    title: 'Pricing page copy review',
    text: 'The team reviewed headline options for the pricing page and kept the comparison table; legal asked for a footnote on annual billing.',
    source: 'copywriter',
  }),
];
