import { describe, expect, it } from 'vitest';
import { publicationAnnouncement } from '../../../src/slack/blocks/publication-announcement.js';
import type { PublicationRow } from '../../../src/store/publication-store.js';
import { departmentFixture } from '../../support/department-fixture.js';

const department = departmentFixture();
const publication = (over: Partial<PublicationRow> = {}): PublicationRow => ({
  id: 'pub_1', deliverableId: 'dlvb_1', version: 3, title: 'Q3 <report> & notes', contentType: 'case_study', content: 'Hello <!channel>, the **numbers**.', author: 'copywriter',
  approvedBy: 'U0ALEX', conversationId: 'conv_1', rehearsal: false, publishedAt: new Date('2026-11-29T12:00:00Z'), announceStartedAt: null, announceChannelId: null, announceTs: null,
  webhookStartedAt: null, webhookStatus: null, webhookDetail: null, ...over,
});
const sectionTexts = (blocks: unknown[]) => blocks.flatMap((b) => ((b as { type: string }).type === 'section' ? [(b as { text: { text: string } }).text.text] : []));

describe('publicationAnnouncement', () => {
  it('heads the text with what, by whom, who approved it and where it went; the title literal, broadcasts defused', () => {
    const { text, blocks } = publicationAnnouncement(department, publication());
    expect(text).toBe('Published: Q3 <report> & notes (case study, version 3)');
    const [head, body] = sectionTexts(blocks);
    expect(head).toBe(":books: *Published: Q3 &lt;report&gt; &amp; notes*\nCase study · version 3 · by Copywriter · approved by <@U0ALEX>\nWent to the department's library.");
    expect(body).toBe('Hello @channel, the *numbers*.');
  });

  it('cuts a very long text for Slack, saying how much more the library keeps, within Slack\'s block limits', () => {
    const long = Array.from({ length: 400 }, (_, i) => `Paragraph ${i} ${'word '.repeat(10)}`).join('\n\n');
    const { blocks } = publicationAnnouncement(department, publication({ content: long }));
    const shown = sectionTexts(blocks).slice(1).join('\n\n');
    expect(shown.length).toBeLessThanOrEqual(12_000);
    expect(blocks.length).toBeLessThanOrEqual(50);
    for (const s of sectionTexts(blocks)) expect(s.length).toBeLessThanOrEqual(3000);
    expect(JSON.stringify(blocks.at(-1))).toMatch(/Cut here for Slack: \d+ more characters are kept in the department's library\./);
  });

  it('never posts an empty section', () => {
    const { blocks } = publicationAnnouncement(department, publication({ content: '' }));
    expect(sectionTexts(blocks)[1]).toBe('_(no text)_');
  });
});
