import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AgentPost, ThreadPoster } from '../../../src/agents/ports.js';
import { InProcessChannelPacer, type ChannelPacer } from '../../../src/slack/channel-pacer.js';
import { SlackGateway } from '../../../src/slack/gateway.js';
import { buildIdentities } from '../../../src/slack/identities.js';
import { pacedPoster } from '../../../src/slack/paced-poster.js';
import { departmentFixture } from '../../support/department-fixture.js';
import { client, formBody, quiet, slackApi } from './slack-api.js';

/** Node timers may fire up to about a millisecond before the monotonic clock says they are due. */
const TIMER_SLACK_MS = 2;

const department = departmentFixture();
// The real WebClient (createWebClient): rejectRateLimitedCalls off, so a 429 waits Retry-After and retries.
const identities = buildIdentities({ client: client('xoxb-main'), userId: 'UAPP', botId: 'BAPP', teamId: 'T1', name: 'Marketing Dept' }, new Map());
const gateway = new SlackGateway({ identities, department, logger: quiet });

const update = (n: number): AgentPost => ({
  agentId: 'seo_specialist',
  channelId: 'CSTANDUP',
  threadTs: '100.000001',
  text: `Update ${n}`,
  mentions: [],
  protocol: {
    id: `msg_${n}`,
    from: 'seo_specialist',
    to: [],
    type: 'reply',
    priority: 'normal',
    context: { channel: 'CSTANDUP', thread_ts: '100.000001', related_messages: [] },
    content: { body: `Update ${n}` },
    required_response: false,
  },
  rehearsal: false,
});

beforeAll(() => nock.disableNetConnect());
afterAll(() => nock.enableNetConnect());
afterEach(() => {
  expect(nock.pendingMocks()).toEqual([]);
  nock.cleanAll();
});

describe('pacedPoster over the SlackGateway', () => {
  it('lands all ten standup replies in order, spaced, when Slack answers the fifth with a 429 once', async () => {
    const landed: Array<{ text: string; at: number }> = [];
    let limitedAt = 0;
    slackApi()
      .post('/api/chat.postMessage')
      .times(11)
      .reply((_uri, body) => {
        const { text } = formBody(body) as { text: string };
        if (text === 'Update 5' && limitedAt === 0) {
          limitedAt = performance.now();
          return [429, { ok: false, error: 'ratelimited' }, { 'Retry-After': '1' }];
        }
        landed.push({ text, at: performance.now() });
        return [200, { ok: true, channel: 'CSTANDUP', ts: `100.${String(landed.length).padStart(6, '0')}` }];
      });

    const pace = new InProcessChannelPacer({ intervalMs: 50 });
    const granted: number[] = [];
    const poster = pacedPoster(gateway, { turn: (c) => pace.turn(c).then(() => void granted.push(performance.now())) });
    // All at once, as a meeting runner might: the poster keeps them in call order and spaced.
    const asked = performance.now();
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => poster.postAsAgent(update(i + 1))));

    // Each caller gets its own post's ts back, in the order Slack took them.
    expect(results.map((r) => r.ts)).toEqual(landed.map((_, i) => `100.${String(i + 1).padStart(6, '0')}`));
    expect(landed.map((p) => p.text)).toEqual(Array.from({ length: 10 }, (_, i) => `Update ${i + 1}`));
    const retried = landed.find((p) => p.text === 'Update 5')!;
    expect(retried.at - limitedAt).toBeGreaterThanOrEqual(1000 - TIMER_SLACK_MS);
    // The k-th turn at least k intervals after asking (lower bounds only; nock's work can wake a turn late).
    for (let k = 1; k < granted.length; k++) expect(granted[k]! - asked).toBeGreaterThanOrEqual(k * 50 - TIMER_SLACK_MS);
    // The pacer spaces turns; arrivals at Slack add each request's own latency (the first, cold, is
    // slowest). The reply after the retried fifth follows it at once: its turn came due while the
    // fifth waited out Retry-After, after which Slack's window has reset (two in a row is a burst).
  });
});

describe('pacedPoster', () => {
  const turns: string[] = [];
  const pacer: ChannelPacer = { turn: async (channel) => void turns.push(channel) };
  const calls: string[] = [];
  const fake = {
    postAsAgent: async (post: AgentPost) => {
      calls.push(post.text);
      if (post.text === 'Update 1') throw new Error('not_in_channel');
      return { ts: '1.1' };
    },
    postCard: async () => (calls.push('card'), { channelId: 'C1', ts: '1.2' }),
  } as unknown as ThreadPoster;

  it('does not let a failed post hold up the next, and passes cards straight through unpaced', async () => {
    const poster = pacedPoster(fake, pacer);
    const first = poster.postAsAgent(update(1));
    const second = poster.postAsAgent(update(2));
    await expect(first).rejects.toThrow('not_in_channel');
    await expect(second).resolves.toEqual({ ts: '1.1' });
    await poster.postCard({} as Parameters<ThreadPoster['postCard']>[0]);
    expect(calls).toEqual(['Update 1', 'Update 2', 'card']);
    expect(turns).toEqual(['CSTANDUP', 'CSTANDUP']);
  });
});
