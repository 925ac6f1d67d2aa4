import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { formBody } from '../../unit/slack/slack-api.js';
import { cardsHarness } from '../../support/cards-harness.js';
import { until } from '../../support/signed-events.js';
import { department } from '../../support/meeting-harness.js';

/**
 * `/dept standup` through the real Bolt app, Postgres and Redis, Slack's Web API answered by nock:
 * the thread lands in #dept-standup at Slack's pace (about one post a second, shared through
 * Redis), a 429 in the middle delays an update and drops none, and the day's standup happens once.
 */
const h = cardsHarness('dept-standup');
const { mockSlack, posts, updates, responses } = h;

describe('/dept standup', () => {
  it('holds the standup once, paced, through a 429, and lists it under /dept meetings', async () => {
    // Slack says "slow down" once, to the fifth agent's update (registered first, so nock tries it first).
    const limited: number[] = [];
    nock('http://slack.test')
      .post('/api/chat.postMessage', (body) => formBody(body).username === department.agents[4]!.name)
      .once()
      .reply(() => (limited.push(Date.now()), [429, { ok: false, error: 'ratelimited' }, { 'Retry-After': '1' }]));
    mockSlack();
    await h.start();
    const asked = Date.now();
    await h.dept('standup');
    await until(() => responses.length === 1, 'the answer to /dept standup');
    expect(String(responses[0]!.text)).toMatch(/^The daily standup starts now in #dept-standup, led by VP of Marketing/);
    await until(() => posts.some((p) => String(p.text).startsWith('*Summary*')), 'the closing summary', 60_000);

    const root = posts.find((p) => p.channel === 'C0STANDUP' && !p.thread_ts)!;
    expect(root.username).toBe('VP of Marketing');
    const thread = posts.filter((p) => p.thread_ts === root.ts);
    // Every agent once, in order, the fifth one too (after Slack's Retry-After), then the VP's closing.
    expect(thread.map((p) => p.username)).toEqual([...department.agents.map((a) => a.name), 'VP of Marketing']);
    expect(limited).toHaveLength(1);
    // Paced: about one a second in the channel (Slack allows short bursts; never ten at once).
    const took = (Date.now() - asked) / 1000;
    expect(took).toBeGreaterThan(thread.length - 3);
    await until(() => updates.some((u) => u.ts === root.ts && /\*Done:\* 14 updates/.test(String(u.text))), 'the status line');

    // Once a day: asked again, it says where today's is (linked from the workspace URL auth.test gave: no chat.getPermalink call).
    await h.dept('standup');
    await until(() => responses.length === 2, 'the second answer');
    expect(String(responses[1]!.text)).toMatch(/^Today's daily standup took place already: <https:\/\/t\.slack\.com\/archives\/C0STANDUP\/p\d+\|the thread>/);
    await h.dept('meetings');
    await until(() => responses.length === 3, 'the meeting list');
    expect(String(responses[2]!.text)).toMatch(/\*Recent meetings\*\n• \*Daily standup\* \d{4}-\d{2}-\d{2} · VP of Marketing · <https:\/\/t\.slack\.com\/archives\/C0STANDUP\//);
    expect(posts.filter((p) => p.channel === 'C0STANDUP' && !p.thread_ts)).toHaveLength(1);
  }, 90_000);
});
