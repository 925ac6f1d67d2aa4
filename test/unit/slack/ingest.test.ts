import { describe, expect, it } from 'vitest';
import type { MirrorInput } from '../../../src/store/mirror-statements.js';
import type { HumanMessageInput, Store } from '../../../src/store/store.js';
import { DEPT_EVENT_TYPE } from '../../../src/protocol/message.js';
import { buildIdentities } from '../../../src/slack/identities.js';
import { EventNotRecordedError } from '../../../src/slack/event-not-recorded.js';
import { SLACK_LAST_RETRY, createIngest } from '../../../src/slack/ingest.js';
import { departmentFixture } from '../../support/department-fixture.js';
import { quiet } from './slack-api.js';

const identities = buildIdentities(
  { client: null as never, userId: 'UAPP', botId: 'BAPP', teamId: 'T1', name: 'marketing_dept' },
  new Map([['copywriter', { mode: 'dedicated' as const, client: null as never, userId: 'UCOPY', botId: 'BCOPY' }]]),
);

function setup(opts: { threadAgents?: string[]; publishFails?: boolean; maxMessageChars?: number } = {}) {
  const stored: HumanMessageInput[] = [];
  const mirrored: MirrorInput[] = [];
  const changes: Parameters<Store['applyMessageChange']>[0][] = [];
  const published: string[][] = [];
  const lookups: string[] = [];
  const ingest = createIngest({
    department: departmentFixture({ maxMessageChars: opts.maxMessageChars }),
    identities,
    logger: quiet,
    channels: { lookup: async (id) => (lookups.push(id), { name: id === 'CHOME' ? 'marketing-content' : 'random', type: 'channel' }) },
    store: {
      ingestHumanMessage: async (input) => (stored.push(input), { duplicate: false, conversationId: 'conv_1', messageId: input.protocol!.id, deliveryIds: input.targets.map((t) => `dlv_${t}`) }),
      threadAgents: async () => opts.threadAgents ?? [],
      // The real statement also keeps it where the department has a conversation: not modelled here.
      mirrorHumanMessage: async (input) => (mirrored.push(input), input.departmentChannel),
      applyMessageChange: async (change) => (changes.push(change), true),
    },
    bus: {
      publish: async (ids) => {
        if (opts.publishFails) throw new Error('redis down');
        published.push(ids);
      },
    },
  });
  return { ingest, stored, mirrored, changes, published, lookups };
}

const meta = { eventId: 'Ev1', teamId: 'T1', eventType: 'message' };
const msg = (over: Record<string, unknown> = {}) => ({ type: 'message', channel: 'C1', channel_type: 'channel', user: 'UHUMAN', text: '@seo keywords?', ts: '10.1', ...over });

describe('ingest', () => {
  it('stores a person\'s message for its targets and publishes the deliveries', async () => {
    const { ingest, stored, published } = setup();
    const out = await ingest.handleMessageEvent(msg({ text: '<@UAPP> @seo keywords for the ROI post?' }), meta);
    expect(out).toMatchObject({ status: 'stored', route: { targets: ['seo_specialist'], reason: 'handle' }, deliveryIds: ['dlv_seo_specialist'] });
    expect(stored[0]).toMatchObject({ eventId: 'Ev1', eventType: 'message', teamId: 'T1', channelId: 'C1', threadTs: '10.1', ts: '10.1', slackUserId: 'UHUMAN', text: '@seo keywords for the ROI post?', targets: ['seo_specialist'] });
    expect(stored[0]!.protocol).toMatchObject({ from: 'human:UHUMAN', to: ['seo_specialist'], type: 'request', context: { channel: 'C1', thread_ts: '10.1' } });
    expect(published).toEqual([['dlv_seo_specialist']]);
  });

  it.each([
    ['an edit', { subtype: 'message_changed' }],
    ['a deletion', { subtype: 'message_deleted' }],
    ['a join', { subtype: 'channel_join' }],
    ['a bot message', { subtype: 'bot_message', bot_id: 'BOTHER' }],
    ['the main bot', { user: 'UAPP', bot_id: 'BAPP' }],
    ['a dedicated agent bot', { user: 'UCOPY', bot_id: 'BCOPY' }],
    ['our protocol metadata', { user: 'UX', metadata: { event_type: DEPT_EVENT_TYPE, event_payload: {} } }],
    ['another app\'s bot user', { user: 'UOTHERBOT', bot_id: 'BOTHER' }],
    ['no user', { user: undefined }],
  ])('drops %s without storing anything', async (_name, over) => {
    const { ingest, stored, published } = setup();
    expect(await ingest.handleMessageEvent(msg(over), meta)).toMatchObject({ status: 'dropped' });
    expect(stored).toEqual([]);
    expect(published).toEqual([]);
  });

  it('keeps thread broadcasts and file shares', async () => {
    const { ingest, stored } = setup({ threadAgents: ['copywriter'] });
    await ingest.handleMessageEvent(msg({ subtype: 'thread_broadcast', text: 'ship it', thread_ts: '9.0' }), meta);
    await ingest.handleMessageEvent(msg({ subtype: 'file_share', text: '@seo see file', ts: '10.2' }), meta);
    expect(stored.map((s) => s.targets)).toEqual([['copywriter'], ['seo_specialist']]);
    expect(stored[0]!.threadTs).toBe('9.0');
  });

  it('drops malformed events', async () => {
    const { ingest, stored } = setup();
    expect(await ingest.handleMessageEvent({ type: 'message' }, meta)).toEqual({ status: 'dropped', why: 'malformed' });
    expect(await ingest.handleMessageEvent(null, meta)).toEqual({ status: 'dropped', why: 'malformed' });
    expect(stored).toEqual([]);
  });

  it('stores nothing for a message addressed to nobody outside the department\'s channels', async () => {
    const { ingest, stored, mirrored } = setup();
    expect(await ingest.handleMessageEvent(msg({ text: 'lunch?' }), meta)).toMatchObject({ status: 'no_target', route: { reason: 'none' } });
    expect(stored).toEqual([]);
    expect(mirrored).toMatchObject([{ channelId: 'C1', departmentChannel: false }]);
  });

  it('keeps a message for nobody in a department channel as history only: no delivery, nothing published', async () => {
    const { ingest, stored, mirrored, published } = setup();
    // A reply in a home channel's thread where no agent spoke, naming nobody: for no agent.
    const out = await ingest.handleMessageEvent(msg({ channel: 'CHOME', text: 'lunch, <@UOTHER>?', ts: '10.6', thread_ts: '9.1' }), meta);
    expect(out).toMatchObject({ status: 'history', route: { targets: [], reason: 'none' } });
    expect(mirrored).toEqual([{ channelId: 'CHOME', threadTs: '9.1', ts: '10.6', slackUserId: 'UHUMAN', text: 'lunch, <@UOTHER>?', eventId: 'Ev1', departmentChannel: true }]);
    expect(stored).toEqual([]);
    expect(published).toEqual([]);
  });

  it('applies edits and deletions to the stored thread, never as new work', async () => {
    const { ingest, stored, changes, published } = setup();
    const edit = {
      type: 'message',
      subtype: 'message_changed',
      hidden: true,
      channel: 'C1',
      ts: '20.1',
      message: { type: 'message', user: 'UHUMAN', text: '<@UAPP> @seo keywords for the *new* post?', ts: '10.1', edited: { user: 'UHUMAN', ts: '20.1' } },
      previous_message: { type: 'message', user: 'UHUMAN', text: '@seo keywords?', ts: '10.1' },
    };
    expect(await ingest.handleMessageEvent(edit, meta)).toEqual({ status: 'edited', applied: true });
    const deletion = { type: 'message', subtype: 'message_deleted', hidden: true, channel: 'C1', ts: '20.2', deleted_ts: '10.1', previous_message: { type: 'message', user: 'UHUMAN', text: 'x', ts: '10.1' } };
    expect(await ingest.handleMessageEvent(deletion, meta)).toEqual({ status: 'deleted', applied: true });
    // A parent with replies is replaced by a tombstone: deleted for the history too.
    const tombstone = { ...edit, message: { type: 'message', subtype: 'tombstone', text: 'This message was deleted.', ts: '9.1', hidden: true } };
    expect(await ingest.handleMessageEvent(tombstone, meta)).toEqual({ status: 'deleted', applied: true });
    expect(changes).toEqual([
      { kind: 'edited', channelId: 'C1', ts: '10.1', text: '@seo keywords for the *new* post?' },
      { kind: 'deleted', channelId: 'C1', ts: '10.1' },
      { kind: 'deleted', channelId: 'C1', ts: '9.1' },
    ]);
    expect(stored).toEqual([]);
    expect(published).toEqual([]);
  });

  it('routes app_mention events (no channel_type) with the channel directory, like the message event', async () => {
    const { ingest, stored, lookups } = setup();
    await ingest.handleMessageEvent({ type: 'app_mention', channel: 'CHOME', user: 'UHUMAN', text: '<@UAPP> plan?', ts: '11.1' }, { ...meta, eventType: 'app_mention' });
    expect(lookups).toEqual(['CHOME']);
    expect(stored[0]!.targets).toEqual(['content_manager']);
  });

  it('does not look DMs up and sends them to the front desk', async () => {
    const { ingest, stored, lookups } = setup();
    await ingest.handleMessageEvent(msg({ channel: 'D1', channel_type: 'im', text: 'hello' }), meta);
    expect(lookups).toEqual([]);
    expect(stored[0]!.targets).toEqual(['vp_marketing']);
  });

  it('cuts an oversized message with a note', async () => {
    const { ingest, stored } = setup({ maxMessageChars: 20 });
    await ingest.handleMessageEvent(msg({ text: `@seo ${'x'.repeat(30)}` }), meta);
    expect(stored[0]!.text).toBe(`@seo ${'x'.repeat(15)}… [cut: 15 characters over the limit]`);
  });

  it('keeps the stored message when the bus is down (the sweeper republishes)', async () => {
    const { ingest, stored } = setup({ publishFails: true });
    expect(await ingest.handleMessageEvent(msg(), meta)).toMatchObject({ status: 'stored' });
    expect(stored).toHaveLength(1);
  });

  it('leaves an event it could not record unacknowledged (Slack retries) after trying the write three times', async () => {
    const ephemerals: Record<string, unknown>[] = [];
    const { ingest, attempts } = failing(ephemerals);
    const out = ingest.handleMessageEvent(msg({ text: '@seo keywords?', thread_ts: '9.1' }), meta);
    await expect(out).rejects.toBeInstanceOf(EventNotRecordedError);
    await expect(out).rejects.toThrow(/ECONNREFUSED/);
    expect(attempts()).toBe(3);
    expect(ephemerals).toEqual([]); // Slack will send it again: nobody is bothered
  });

  it('on Slack\'s last retry, also tells the person privately to send it again', async () => {
    const ephemerals: Record<string, unknown>[] = [];
    const { ingest } = failing(ephemerals);
    await expect(ingest.handleMessageEvent(msg({ text: '@seo keywords?', thread_ts: '9.1' }), { ...meta, retryNum: SLACK_LAST_RETRY })).rejects.toBeInstanceOf(EventNotRecordedError);
    await new Promise((r) => setTimeout(r, 0));
    expect(ephemerals).toEqual([expect.objectContaining({ channel: 'C1', user: 'UHUMAN', thread_ts: '9.1' })]);
    expect(String(ephemerals[0]!.text)).toContain('send it again');
  });

  it('rides out a write that fails once or twice', async () => {
    let calls = 0;
    const stored: HumanMessageInput[] = [];
    const ingest = createIngest({
      department: departmentFixture(),
      identities,
      logger: quiet,
      channels: { lookup: async () => ({ name: 'random', type: 'channel' }) },
      store: {
        ingestHumanMessage: async (input) => {
          if (++calls < 3) throw new Error('Connection terminated unexpectedly');
          stored.push(input);
          return { duplicate: false, conversationId: 'conv_1', messageId: input.protocol!.id, deliveryIds: ['dlv_1'] };
        },
        threadAgents: async () => [],
        ...noHistory,
      },
      bus: { publish: async () => {} },
    });
    expect(await ingest.handleMessageEvent(msg(), meta)).toMatchObject({ status: 'stored' });
    expect(calls).toBe(3);
    expect(new Set(stored.map((s) => s.protocol!.id)).size).toBe(1);
  });

  it('does not wait for a channel lookup beyond its budget, except on Slack\'s last retry', async () => {
    const stored: HumanMessageInput[] = [];
    const ingest = createIngest({
      department: departmentFixture(),
      identities,
      logger: quiet,
      channels: { lookup: () => new Promise(() => {}) }, // conversations.info never answers
      store: {
        ingestHumanMessage: async (input) => (stored.push(input), { duplicate: false, conversationId: 'c', messageId: 'm', deliveryIds: [] }),
        threadAgents: async () => [],
        ...noHistory,
      },
      bus: { publish: async () => {} },
    });
    const mentionEvent = { type: 'app_mention', channel: 'CHOME', user: 'UHUMAN', text: '<@UAPP> plan?', ts: '11.1' };
    await expect(ingest.handleMessageEvent(mentionEvent, { ...meta, eventType: 'app_mention' })).rejects.toThrow(/conversations.info for CHOME took over/);
    expect(stored).toEqual([]);
    // Slack's last try: routed without the channel's name (the app mention goes to the front desk).
    expect(await ingest.handleMessageEvent(mentionEvent, { ...meta, eventType: 'app_mention', retryNum: SLACK_LAST_RETRY })).toMatchObject({ status: 'stored', route: { targets: ['vp_marketing'] } });
    // A DM needs no lookup at all.
    expect(await ingest.handleMessageEvent(msg({ channel: 'D1', channel_type: 'im', text: 'hi', ts: '11.2' }), meta)).toMatchObject({ status: 'stored' });
  });

  it('stores NUL characters and lone surrogates as U+FFFD, in the text and the protocol record', async () => {
    const { ingest, stored } = setup();
    await ingest.handleMessageEvent(msg({ text: '@seo a\u0000b \uD83D and \uDE00 ok 🎉', user: 'U\u0000X' }), meta);
    expect(stored[0]!.text).toBe('@seo a\uFFFDb \uFFFD and \uFFFD ok 🎉');
    expect(stored[0]!.protocol!.content.body).toBe(stored[0]!.text);
    expect(stored[0]!.slackUserId).toBe('U\uFFFDX');
    expect(stored[0]!.protocol!.from).toBe('human:U\uFFFDX');
  });

  it('never leaves a lone surrogate where it cuts a long message', async () => {
    const { ingest, stored } = setup({ maxMessageChars: 10 });
    await ingest.handleMessageEvent(msg({ text: '@seo 1234🎉🎉🎉🎉' }), meta); // the cut falls inside an emoji
    expect(stored[0]!.text.isWellFormed()).toBe(true);
  });

  it('routes an event with an unknown channel_type or odd metadata instead of dropping it', async () => {
    const { ingest, stored } = setup();
    await ingest.handleMessageEvent(msg({ channel_type: 'app_home', metadata: 'x' }), meta);
    expect(stored[0]!.targets).toEqual(['seo_specialist']);
  });
});

const noHistory = { mirrorHumanMessage: async () => false, applyMessageChange: async () => false };

function failing(ephemerals: Record<string, unknown>[]) {
  let attempts = 0;
  const client = { chat: { postEphemeral: async (args: Record<string, unknown>) => (ephemerals.push(args), { ok: true }) } };
  const ingest = createIngest({
    department: departmentFixture(),
    identities: buildIdentities({ client: client as never, userId: 'UAPP', botId: 'BAPP', teamId: 'T1', name: 'marketing_dept' }, new Map()),
    logger: quiet,
    channels: { lookup: async () => ({ name: 'random', type: 'channel' }) },
    store: {
      ingestHumanMessage: async () => {
        attempts++;
        throw new Error('connect ECONNREFUSED 127.0.0.1:5432');
      },
      threadAgents: async () => [],
      ...noHistory,
    },
    bus: { publish: async () => {} },
  });
  return { ingest, attempts: () => attempts };
}
