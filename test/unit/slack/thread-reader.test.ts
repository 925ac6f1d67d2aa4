import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEPT_EVENT_TYPE } from '../../../src/protocol/message.js';
import { buildIdentities, type DedicatedIdentity } from '../../../src/slack/identities.js';
import { NAME_LOOKUP_BUDGET_MS, createPeopleDirectory } from '../../../src/slack/people-directory.js';
import { SlackThreadReader } from '../../../src/slack/thread-reader.js';
import { REPLIES_PAGE_SIZE } from '../../../src/slack/thread-replies.js';
import { departmentFixture } from '../../support/department-fixture.js';
import { client, formBody, quiet, slackApi } from './slack-api.js';

const main = client('xoxb-main');
const identities = buildIdentities(
  { client: main, userId: 'UAPP', botId: 'BAPP', teamId: 'T1', name: 'Marketing Dept' },
  new Map<string, DedicatedIdentity>([['copywriter', { mode: 'dedicated', client: client('xoxb-copy'), userId: 'UCOPY', botId: 'BCOPY' }]]),
);
const department = departmentFixture();
const reader = () => new SlackThreadReader({ identities, department, logger: quiet, people: createPeopleDirectory(main, quiet) });

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe('SlackThreadReader.readThread', () => {
  it('reads every page of conversations.replies and keeps people\'s messages only, as the model reads them', async () => {
    const queries: Record<string, unknown>[] = [];
    slackApi()
      .post('/api/conversations.replies', (b) => (queries.push(formBody(b)), !formBody(b).cursor))
      .reply(200, {
        ok: true,
        has_more: true,
        messages: [
          { type: 'message', user: 'UALEX', ts: '100.000001', text: 'Launch plan for Q3?', reply_count: 5, thread_ts: '100.000001' },
          { type: 'message', user: 'USAM', ts: '100.000002', text: '<@UAPP> <@UCOPY> can you help?', thread_ts: '100.000001' },
          { type: 'message', subtype: 'channel_join', user: 'UNEW', ts: '100.000003', text: '<@UNEW> has joined the channel' },
        ],
        response_metadata: { next_cursor: 'page2' },
      });
    slackApi()
      .post('/api/conversations.replies', (b) => (queries.push(formBody(b)), formBody(b).cursor === 'page2'))
      .reply(200, {
        ok: true,
        has_more: false,
        messages: [
          { type: 'message', user: 'UAPP', bot_id: 'BAPP', ts: '100.000004', text: 'ours', metadata: { event_type: DEPT_EVENT_TYPE, event_payload: { id: 'msg_1' } } },
          { type: 'message', subtype: 'bot_message', bot_id: 'BOTHER', ts: '100.000005', text: 'a build finished' },
          { type: 'message', subtype: 'thread_broadcast', user: 'UALEX', ts: '100.000006', text: 'Also sent to the channel' },
        ],
        response_metadata: { next_cursor: '' },
      });
    expect(await reader().readThread({ channelId: 'C1', threadTs: '100.000001' })).toEqual([
      { ts: '100.000001', slackUserId: 'UALEX', text: 'Launch plan for Q3?' },
      { ts: '100.000002', slackUserId: 'USAM', text: '@Copywriter can you help?' },
      { ts: '100.000006', slackUserId: 'UALEX', text: 'Also sent to the channel' },
    ]);
    expect(queries.filter((q) => q.cursor !== 'page2')[0]).toMatchObject({ channel: 'C1', ts: '100.000001', limit: String(REPLIES_PAGE_SIZE), include_all_metadata: 'true' });
    expect(nock.isDone()).toBe(true);
  });

  it('throws, saying whether trying again may help: not for a missing thread, yes for a rate limit', async () => {
    slackApi().post('/api/conversations.replies').reply(200, { ok: false, error: 'thread_not_found' });
    await expect(reader().readThread({ channelId: 'C1', threadTs: '1.1' })).rejects.toMatchObject({ message: expect.stringContaining('thread_not_found'), transient: false });
    slackApi().post('/api/conversations.replies').times(3).reply(429, { ok: false, error: 'ratelimited' }, { 'retry-after': '0' });
    await expect(reader().readThread({ channelId: 'C1', threadTs: '1.1' })).rejects.toMatchObject({ transient: true });
  });
});

describe('people directory', () => {
  it('names people by their display name, else real name, asking users.info once per person', async () => {
    let calls = 0;
    slackApi()
      .persist()
      .post('/api/users.info')
      .reply(200, (_uri, body) => {
        calls++;
        const user = formBody(body).user;
        if (user === 'UALEX') return { ok: true, user: { id: user, name: 'alex', real_name: 'Alex Rivera', profile: { display_name: 'Alex', real_name: 'Alex Rivera' } } };
        if (user === 'USAM') return { ok: true, user: { id: user, name: 'sam', real_name: 'Sam Chen', profile: { display_name: '', real_name: 'Sam Chen' } } };
        return { ok: false, error: 'user_not_found' };
      });
    const people = reader();
    const names = await people.peopleNames(['UALEX', 'USAM', 'UGONE', 'UALEX']);
    expect(Object.fromEntries(names)).toEqual({ UALEX: 'Alex', USAM: 'Sam Chen' });
    expect(Object.fromEntries(await people.peopleNames(['UALEX', 'USAM', 'UGONE']))).toEqual({ UALEX: 'Alex', USAM: 'Sam Chen' });
    expect(calls).toBe(3); // a failed lookup is remembered a while too
  });

  it('waits for a slow users.info within its budget once, not on every turn behind it', async () => {
    slackApi().post('/api/users.info').delay(NAME_LOOKUP_BUDGET_MS + 1_000).reply(200, { ok: true, user: { id: 'USLOW', name: 'slow', profile: { display_name: 'Slow Poke' } } });
    const people = reader();
    const first = Date.now();
    expect((await people.peopleNames(['USLOW'])).size).toBe(0);
    expect(Date.now() - first).toBeGreaterThanOrEqual(NAME_LOOKUP_BUDGET_MS - 50);
    const second = Date.now();
    expect((await people.peopleNames(['USLOW'])).size).toBe(0);
    expect(Date.now() - second).toBeLessThan(200);
    await new Promise((r) => setTimeout(r, 1_200));
    expect(Object.fromEntries(await people.peopleNames(['USLOW']))).toEqual({ USLOW: 'Slow Poke' }); // it filled the cache behind
  });
});
