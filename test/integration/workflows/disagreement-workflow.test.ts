import { describe, expect, it } from 'vitest';
import { APP_USER, cardsHarness } from '../../support/cards-harness.js';
import { appMention, sendSigned, until } from '../../support/signed-events.js';

/**
 * Disagreement resolution (seed 4.3, example 2) as a team meets it, offline: a person tells the
 * Content Manager two colleagues disagree; each states a position, Analytics brings the numbers,
 * and their shared manager decides on record, with the dissent noted and follow-ups as tasks.
 */
const h = cardsHarness('disagreement');
const { mockSlack, posts, updates, work, cards } = h;
const start = () => h.start();

describe('the disagreement workflow, offline', () => {
  it('two positions, the data, and the shared manager\'s decision on record with the dissent and the follow-up tasks', async () => {
    mockSlack();
    await start();
    const ask = appMention(APP_USER, 'content the SEO Specialist and the Copywriter disagree on the primary keyword for the AI costs post. Settle it.');
    await sendSigned(h.app!.port(), h.secret, ask);
    const thread = () => posts.filter((p) => p.thread_ts === ask.event.ts);
    await until(() => thread().some((p) => String(p.text).includes('*Workflow done:* decided')), 'the decision', 30_000);
    expect(thread().map((p) => p.username)).toEqual([
      'Content Manager', // plan
      'Content Manager', 'SEO Specialist', // first position
      'Content Manager', 'Copywriter', // second position
      'Content Manager', 'Analytics Specialist', // the data
      'SEO Specialist', 'Content Manager', // escalated to the shared manager, who decides and tells both
      'Content Manager', // done, with time and cost
    ]);
    expect(String(thread()[0]!.text)).toContain('Disagreement resolution');
    const [decision] = await work().searchDecisions('Disagreement primary keyword');
    expect(decision).toMatchObject({ maker: 'content_manager', type: 'blog_post_topics', dissent: 'Copywriter preferred its own approach' });
    const followUps = (await work().openTasks()).filter((t) => t.decisionId === decision!.id).map((t) => t.assignee).sort();
    expect(followUps).toEqual(['copywriter', 'seo_specialist']);
    await until(() => cards('decision').length === 1, 'the decision in #dept-decisions');
    await until(() => updates.some((u) => String(u.text).includes('*Done:* decided')), 'the status line to say done');
  });
});
