import { webApi } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeSlackApi, type FakeSlackApi } from '../../../scripts/bench/fake-slack-api.js';

let slack: FakeSlackApi;
let client: webApi.WebClient;
const metadata = { event_type: 'dept_message', event_payload: { id: 'msg_1', from: 'analytics_specialist' } };

beforeAll(async () => {
  slack = await startFakeSlackApi('UBOT', { retryAfterSeconds: 1 });
  // The department's client settings that matter here: form-encoded calls, no retries in the test.
  client = new webApi.WebClient('xoxb-test', { slackApiUrl: slack.url, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true });
});
afterAll(() => slack.close());

describe('fake Slack Web API (the benchmark and the fault harness answer the department with it)', () => {
  it('records a persona post with its thread, username and metadata, and shows it in conversations.replies', async () => {
    slack.addMessage({ channel: 'C1', ts: '1800000000.000100', user: 'UHUMAN', text: 'how did the newsletter do?' });
    const posted = await client.chat.postMessage({ channel: 'C1', thread_ts: '1800000000.000100', text: 'It did well.', username: 'Analytics Specialist', metadata });
    expect(posted.ok).toBe(true);
    expect(slack.posts.at(-1)).toMatchObject({ channel: 'C1', ts: posted.ts, threadTs: '1800000000.000100', username: 'Analytics Specialist', metadata });

    const thread = await client.conversations.replies({ channel: 'C1', ts: '1800000000.000100', include_all_metadata: true });
    expect(thread.messages?.map((m) => m.ts)).toEqual(['1800000000.000100', posted.ts]);
    expect(thread.messages?.[1]).toMatchObject({ text: 'It did well.', thread_ts: '1800000000.000100', username: 'Analytics Specialist', metadata });
    const plain = await client.conversations.replies({ channel: 'C1', ts: posted.ts! });
    expect(plain.messages?.map((m) => m.ts)).toEqual(['1800000000.000100', posted.ts]);
    expect(plain.messages?.[1]?.metadata).toBeUndefined();
  });

  it('pages conversations.replies with cursors, and says thread_not_found for an unknown ts', async () => {
    slack.addMessage({ channel: 'C2', ts: '1800000001.000100', user: 'UHUMAN', text: 'thread' });
    for (const n of [1, 2, 3]) await client.chat.postMessage({ channel: 'C2', thread_ts: '1800000001.000100', text: `reply ${n}` });
    const first = await client.conversations.replies({ channel: 'C2', ts: '1800000001.000100', limit: 2 });
    expect(first.has_more).toBe(true);
    const second = await client.conversations.replies({ channel: 'C2', ts: '1800000001.000100', limit: 2, cursor: first.response_metadata!.next_cursor! });
    expect([...first.messages!, ...second.messages!].map((m) => m.text)).toEqual(['thread', 'reply 1', 'reply 2', 'reply 3']);
    await expect(client.conversations.replies({ channel: 'C2', ts: '1.000000' })).rejects.toMatchObject({ data: { error: 'thread_not_found' } });
  });

  it('answers 429 with Retry-After to the configured fraction of posts, and records none of them', async () => {
    const before = slack.posts.length;
    slack.setRateLimitFraction(1);
    await expect(client.chat.postMessage({ channel: 'C1', text: 'limited' })).rejects.toMatchObject({ code: 'slack_webapi_rate_limited_error', retryAfter: 1 });
    slack.setRateLimitFraction(0);
    await client.chat.postMessage({ channel: 'C1', text: 'through' });
    expect(slack.stats.rateLimited).toBe(1);
    expect(slack.posts.slice(before).map((p) => p.text)).toEqual(['through']);
  });

  it('updates a post, takes ephemerals, and answers the channel lookups the department makes', async () => {
    const posted = await client.chat.postMessage({ channel: 'C3', text: 'draft' });
    await client.chat.update({ channel: 'C3', ts: posted.ts!, text: 'final' });
    expect(slack.posts.find((p) => p.ts === posted.ts)?.text).toBe('final');
    await expect(client.chat.update({ channel: 'C3', ts: '1.000000', text: 'x' })).rejects.toMatchObject({ data: { error: 'message_not_found' } });
    expect((await client.chat.postEphemeral({ channel: 'C3', user: 'UHUMAN', text: 'only you' })).message_ts).toBeTruthy();
    expect(slack.ephemerals.at(-1)).toMatchObject({ channel: 'C3', user: 'UHUMAN', text: 'only you' });
    expect((await client.conversations.info({ channel: 'C3' })).channel).toMatchObject({ id: 'C3', is_member: true });
    expect((await client.conversations.join({ channel: 'C3' })).ok).toBe(true);
    expect((await client.auth.test()).user_id).toBe('UBOT');
  });

  it('with latency, accepts a post on arrival: a caller that dies before the answer has still posted', async () => {
    const slow = await startFakeSlackApi('UBOT', { latencyMs: 60_000 });
    const slowClient = new webApi.WebClient('xoxb-test', { slackApiUrl: slow.url, retryConfig: { retries: 0 }, timeout: 120_000 });
    try {
      let answered = false;
      const call = slowClient.chat.postMessage({ channel: 'C1', text: 'in flight' }).then(
        () => (answered = true),
        () => undefined,
      );
      while (slow.posts.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
      expect(slow.posts[0]).toMatchObject({ channel: 'C1', text: 'in flight' });
      expect(answered).toBe(false);
      expect(slow.postsInFlight('xoxb-test')).toBe(1);
      expect(slow.postsInFlight('xoxb-other')).toBe(0);
      void call;
    } finally {
      await slow.close();
    }
  });
});
