import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createChannelDirectory } from '../../../src/slack/channel-directory.js';
import { client, formBody, quiet, slackApi } from './slack-api.js';

beforeAll(() => nock.disableNetConnect());
afterAll(() => nock.enableNetConnect());
afterEach(() => nock.cleanAll());

const info = (channel: Record<string, unknown>) => ({ ok: true, channel: { id: 'C1', is_channel: true, is_private: false, ...channel } });

describe('channel directory', () => {
  it('asks Slack once per channel, even for concurrent lookups', async () => {
    const scope = slackApi().post('/api/conversations.info', (b) => formBody(b).channel === 'C1').once().reply(200, info({ name: 'marketing-content' }));
    const dir = createChannelDirectory(client('xoxb-main'), quiet);
    const [a, b] = await Promise.all([dir.lookup('C1'), dir.lookup('C1')]);
    expect(a).toEqual({ name: 'marketing-content', type: 'channel' });
    expect(b).toEqual(a);
    expect(await dir.lookup('C1')).toEqual(a);
    expect(scope.isDone()).toBe(true);
  });

  it('tells private channels and group DMs apart, and knows DMs without asking', async () => {
    slackApi().post('/api/conversations.info').reply(200, info({ id: 'G1', name: 'secret', is_channel: false, is_group: true, is_private: true }));
    slackApi().post('/api/conversations.info').reply(200, info({ id: 'G2', name: 'mpdm-a--b-1', is_mpim: true, is_private: true }));
    const dir = createChannelDirectory(client('xoxb-main'), quiet);
    expect(await dir.lookup('G1')).toEqual({ name: 'secret', type: 'group' });
    expect(await dir.lookup('G2')).toEqual({ name: 'mpdm-a--b-1', type: 'mpim' });
    expect(await dir.lookup('D1')).toEqual({ type: 'im' });
  });

  it('answers unknown when Slack fails, and asks again after a while', async () => {
    let now = 0;
    slackApi().post('/api/conversations.info').reply(200, { ok: false, error: 'missing_scope', needed: 'channels:read' });
    const dir = createChannelDirectory(client('xoxb-main'), quiet, () => now);
    expect(await dir.lookup('C9')).toEqual({ type: 'unknown' });
    expect(await dir.lookup('C9')).toEqual({ type: 'unknown' }); // cached: no second call yet
    now += 61_000;
    slackApi().post('/api/conversations.info').reply(200, info({ id: 'C9', name: 'late' }));
    expect(await dir.lookup('C9')).toEqual({ name: 'late', type: 'channel' });
  });

  it('answers an aged name at once while refreshing it, and keeps it when the refresh fails', async () => {
    let now = 0;
    slackApi().post('/api/conversations.info').reply(200, info({ name: 'marketing-content' }));
    const dir = createChannelDirectory(client('xoxb-main'), quiet, () => now);
    expect(await dir.lookup('C1')).toEqual({ name: 'marketing-content', type: 'channel' });
    now += 2 * 60 * 60_000; // aged
    const refresh = slackApi().post('/api/conversations.info').delay(1000).reply(200, info({ name: 'content-team' }));
    const started = Date.now();
    expect(await dir.lookup('C1')).toEqual({ name: 'marketing-content', type: 'channel' }); // not waiting for Slack
    expect(Date.now() - started).toBeLessThan(900); // Slack takes 1 s to answer here
    await new Promise((r) => setTimeout(r, 1100));
    expect(refresh.isDone()).toBe(true);
    expect(await dir.lookup('C1')).toEqual({ name: 'content-team', type: 'channel' });
    now += 2 * 60 * 60_000;
    slackApi().post('/api/conversations.info').reply(200, { ok: false, error: 'ratelimited' });
    expect(await dir.lookup('C1')).toEqual({ name: 'content-team', type: 'channel' });
    await new Promise((r) => setTimeout(r, 50));
    expect(await dir.lookup('C1')).toEqual({ name: 'content-team', type: 'channel' }); // the failed refresh kept it
  });
});
