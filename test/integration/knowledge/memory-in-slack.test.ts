import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { rowsOf } from '../../../src/store/rows.js';
import { ALEX, SAM, cardsHarness } from '../../support/cards-harness.js';
import { until } from '../../support/signed-events.js';

/**
 * The department's memory through the real Bolt app, Postgres (full-text search) and Redis, Slack
 * answered by nock, offline (rehearsal model): a rule a person asks it to remember is followed and
 * cited by the Copywriter in a later, unrelated thread; a decision taken in one thread reaches an
 * agent in another; /dept search finds both; only an approver makes it forget.
 */
const h = cardsHarness('memory');
const { mockSlack, posts, responses } = h;
const said = (threadTs: string) => posts.filter((p) => p.thread_ts === threadTs).map((p) => `${String(p.username)}: ${String(p.text)}`);
const answer = async (n: number) => {
  await until(() => responses.length === n, `answer ${n}`);
  return String(responses[n - 1]!.text);
};

describe("the department's memory in Slack", () => {
  it('/dept remember a brand rule: the Copywriter follows it and cites it in another thread; /dept search finds it; Sam cannot forget it, Alex can', async () => {
    mockSlack();
    await h.start();
    await h.dept(`remember never say 'cheap'; say 'affordable'`);
    const remembered = await answer(1);
    expect(remembered).toMatch(/^Remembered: “never say 'cheap'; say 'affordable'” — every agent now draws on it/);
    const id = /`\/dept forget (note:kn_[0-9a-f]+)`/.exec(remembered)![1]!;

    // A later, unrelated thread.
    const ask = await h.mention('copywriter write a LinkedIn post about cheap AI tools for small teams');
    await until(() => said(ask.event.ts).some((x) => x.startsWith('Copywriter:') && x.includes('Brand rule followed')), 'the Copywriter draft', 30_000);
    const draft = said(ask.event.ts).find((x) => x.startsWith('Copywriter:') && x.includes('Brand rule followed'))!;
    expect(draft).toMatch(/affordable AI tools/i);
    expect(draft).toContain('#AffordableTools');
    expect(draft).not.toMatch(/\bcheap\b(?!” →)/i);
    expect(draft).toContain(`Brand rule followed: “cheap” → “affordable” ([kb:${id}])`);

    await h.dept('search cheap');
    expect(await answer(2)).toMatch(new RegExp(`What the department knows about "cheap"[\\s\\S]*never say 'cheap'; say 'affordable'[\\s\\S]*\`${id}\``));

    await h.form({ token: 'x', team_id: 'T0TEAM', channel_id: 'C0CONTENT', user_id: SAM, command: '/dept', text: `forget ${id}`, response_url: 'http://slack.test/commands/T0TEAM/9/sam', trigger_id: '1.2.3' });
    expect(await answer(3)).toMatch(/^Only approvers can make the department forget\./);
    await h.dept(`forget ${id}`);
    expect(await answer(4)).toMatch(/^Forgotten: \*never say 'cheap'; say 'affordable'\*/);
    await h.dept('search cheap');
    expect(await answer(5)).toMatch(/^Nothing in the department's memory matches "cheap"/);
  }, 90_000);

  it('a decision taken in one thread is given to an agent answering in another', async () => {
    mockSlack();
    const app = await h.start();
    // Thread one: the VP's decision is on record.
    const first = await h.mention('vp what is our newsletter plan?');
    const [conv] = rowsOf<{ id: string }>(await app.store.db.execute(sql`select id from conversations where thread_ts = ${first.event.ts}`));
    await h.work().recordDecision({ maker: 'vp_marketing', type: 'campaign_strategy', context: 'Newsletter timing', decision: 'The newsletter goes out on Tuesdays at 10:00', reasoning: 'Tuesday mornings had the best open rates', conversationId: conv!.id });
    await app.knowledge.sync();

    // Thread two, unrelated to the first: the Email Specialist draws on the decision.
    const second = await h.mention('email when should the December newsletter go out?');
    await until(() => said(second.event.ts).some((x) => x.startsWith('Email Specialist:')), 'the answer in the second thread', 30_000);
    const reply = said(second.event.ts).find((x) => x.startsWith('Email Specialist:'))!;
    expect(reply).toMatch(/From the department's memory: “.*The newsletter goes out on Tuesdays at 10:00/);
    expect(reply).toMatch(/<https:\/\/t\.slack\.com\/archives\/C0CONTENT\/p\d+\|The newsletter goes out on Tuesdays at 10:00>/);
  }, 90_000);

  it('"Remember this" on a message keeps it with a link back to it; a message without text is refused, saying why', async () => {
    mockSlack();
    const app = await h.start();
    const shortcut = (text: string, n: number) => ({
      type: 'message_action', callback_id: 'dept_remember', trigger_id: `7.${n}.x`, action_ts: '1800000002.1', team: { id: 'T0TEAM', domain: 'acme' },
      user: { id: ALEX, username: 'alex', name: 'alex', team_id: 'T0TEAM' }, channel: { id: 'C0CONTENT', name: 'marketing-content' },
      message: { type: 'message', user: 'U0CUSTOMER', ts: `1800000001.00010${n}`, text }, response_url: `http://slack.test/actions/T0TEAM/${n}/remember`, token: 'x',
    });
    await h.interaction(shortcut('Our launch webinar is on 12 January at 16:00 CET.', 1));
    await until(() => h.ephemerals.length === 1, 'the answer to the shortcut');
    expect(String(h.ephemerals[0]!.text)).toMatch(/^Remembered: “Our launch webinar is on 12 January at 16:00 CET\.”/);
    const [hit] = await app.knowledge.search('when is the launch webinar', { topK: 1 });
    expect(hit).toMatchObject({ type: 'note', source: `human:${ALEX}`, permalink: 'https://acme.slack.com/archives/C0CONTENT/p1800000001000101' });
    await h.interaction(shortcut('', 2));
    await until(() => h.ephemerals.length === 2, 'the refusal');
    expect(String(h.ephemerals[1]!.text)).toBe('That message has no text to remember (files and images are not read).');
  }, 60_000);
});
