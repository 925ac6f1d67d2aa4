import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../../src/store/ids.js';
import type { MessageRow } from '../../../src/store/store.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t?.drop();
});

let n = 0;
/** A channel of its own per test: whether the department takes part in a channel is per channel. */
const channel = () => `CH${++n}`;
const chatter = (channelId: string, ts: string, threadTs = ts, over: { departmentChannel?: boolean; text?: string; user?: string } = {}) =>
  t.store.mirrorHumanMessage({ channelId, threadTs, ts, slackUserId: over.user ?? 'U1', text: over.text ?? `said at ${ts}`, eventId: newId('msg'), departmentChannel: over.departmentChannel ?? false });
const mention = (channelId: string, ts: string, threadTs = ts, text = 'over to you') =>
  t.store.ingestHumanMessage({ eventId: newId('msg'), eventType: 'app_mention', channelId, threadTs, ts, slackUserId: 'U2', text, targets: ['content_manager'] });
const texts = (rows: MessageRow[]) => rows.map((m) => m.text);

async function incoming(channelId: string, ts: string): Promise<MessageRow> {
  const [row] = await t.store.db.query.messages.findMany({ where: (m, { and, eq }) => and(eq(m.channelId, channelId), eq(m.ts, ts)) });
  return row!;
}

describe('thread history in the store', () => {
  it('keeps people\'s talk for no agent in a department channel, or one where the department has a conversation, with no delivery', async () => {
    const own = channel();
    expect(await chatter(own, '10.000001', '10.000001', { departmentChannel: true })).toBe(true);
    expect(await chatter(own, '10.000001', '10.000001', { departmentChannel: true })).toBe(false); // the same post's second event

    const elsewhere = channel();
    expect(await chatter(elsewhere, '20.000001')).toBe(false); // the department never worked here
    const r = await mention(elsewhere, '21.000001');
    if (r.duplicate) throw new Error('duplicate');
    expect(await chatter(elsewhere, '22.000001')).toBe(true); // now it has: another thread of the channel is kept
    expect(await chatter(elsewhere, '21.000002', '21.000001')).toBe(true);

    const { rows } = await t.query<{ n: string }>(`select count(*) as n from deliveries d join messages m on m.id = d.message_id where m.channel_id in ('${own}', '${elsewhere}')`);
    expect(Number(rows[0]!.n)).toBe(1); // only the mention's
    const reply = await incoming(elsewhere, '21.000002');
    expect(reply).toMatchObject({ conversationId: r.conversationId, authorKind: 'human', authorId: 'U1', toAgents: [], protocol: null });
  });

  it('does not reset the thread\'s turn budget for talk that asks no agent anything', async () => {
    const c = channel();
    const r = await mention(c, '30.000001');
    if (r.duplicate) throw new Error('duplicate');
    await t.query(`update conversations set agent_turns_since_human = 4 where id = '${r.conversationId}'`);
    await chatter(c, '30.000002', '30.000001');
    expect((await t.store.getConversation(r.conversationId))?.agentTurnsSinceHuman).toBe(4);
  });

  it('follows edits of people\'s messages and hides deleted ones from the history, keeping the row', async () => {
    const c = channel();
    await chatter(c, '40.000001', '40.000001', { departmentChannel: true, text: 'first draft' });
    await chatter(c, '40.000002', '40.000001', { departmentChannel: true, text: 'typo here' });
    await chatter(c, '40.000003', '40.000001', { departmentChannel: true, text: 'never mind' });
    const r = await mention(c, '40.000004', '40.000001');
    if (r.duplicate) throw new Error('duplicate');
    expect(await t.store.applyMessageChange({ kind: 'edited', channelId: c, ts: '40.000002', text: 'typo fixed' })).toBe(true);
    expect(await t.store.applyMessageChange({ kind: 'deleted', channelId: c, ts: '40.000003' })).toBe(true);
    expect(await t.store.applyMessageChange({ kind: 'deleted', channelId: c, ts: '40.000003' })).toBe(false);
    expect(await t.store.applyMessageChange({ kind: 'edited', channelId: c, ts: '99.000001', text: 'not ours' })).toBe(false);
    const msg = await incoming(c, '40.000004');
    expect(texts(await t.store.historyBefore(msg, 10))).toEqual(['first draft', 'typo fixed']);
    await t.store.applyMessageChange({ kind: 'deleted', channelId: c, ts: '40.000001' });
    expect((await t.store.openingMessage(r.conversationId))?.text).toBe('typo fixed');
    const { rows } = await t.query<{ n: string }>(`select count(*) as n from messages where channel_id = '${c}' and deleted_at is not null`);
    expect(Number(rows[0]!.n)).toBe(2);
  });

  it('stores a thread read from Slack ahead of what the department saw, once, and only what it did not have', async () => {
    const c = channel();
    const r = await mention(c, '50.000004', '50.000001');
    if (r.duplicate) throw new Error('duplicate');
    await chatter(c, '50.000005', '50.000001'); // said after the mention: arrives as an event
    expect(await t.store.claimHistoryFetch(r.conversationId, 60_000)).toBe(true);
    expect(await t.store.claimHistoryFetch(r.conversationId, 60_000)).toBe(false);
    expect(await t.store.historyFetchState(r.conversationId, 60_000)).toEqual({ fetched: false, busy: true });
    const stored = await t.store.recordFetchedHistory({
      conversationId: r.conversationId,
      channelId: c,
      messages: [
        { ts: '50.000001', slackUserId: 'U1', text: 'the root' },
        { ts: '50.000003', slackUserId: 'U3', text: 'second reply' },
        { ts: '50.000002', slackUserId: 'U2', text: 'first reply' },
        { ts: '50.000004', slackUserId: 'U2', text: 'over to you' },
        { ts: '50.000005', slackUserId: 'U1', text: 'said after the mention' },
      ],
    });
    expect(stored).toBe(3);
    expect(await t.store.historyFetchState(r.conversationId, 60_000)).toEqual({ fetched: true, busy: true });
    expect(await t.store.claimHistoryFetch(r.conversationId, 0)).toBe(false); // read: never again
    const later = await incoming(c, '50.000005');
    expect(texts(await t.store.historyBefore(later, 10))).toEqual(['the root', 'first reply', 'second reply', 'over to you']);
    expect((await t.store.openingMessage(r.conversationId))?.text).toBe('the root');
  });

  it('lets another worker read a thread whose reader gave up or whose lease ran out', async () => {
    const c = channel();
    const r = await mention(c, '60.000002', '60.000001');
    if (r.duplicate) throw new Error('duplicate');
    expect(await t.store.claimHistoryFetch(r.conversationId, 60_000)).toBe(true);
    await t.store.releaseHistoryFetch(r.conversationId);
    expect(await t.store.historyFetchState(r.conversationId, 60_000)).toEqual({ fetched: false, busy: false });
    expect(await t.store.claimHistoryFetch(r.conversationId, 60_000)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await t.store.claimHistoryFetch(r.conversationId, 10)).toBe(true); // a dead reader's lease
  });
});

describe('a post kept as history, then routed to an agent', () => {
  it('becomes the request with its deliveries (the order of one post\'s events cannot lose it); a second request stays a duplicate', async () => {
    const c = channel();
    expect(await chatter(c, '70.000001', '70.000001', { departmentChannel: true, text: 'plan?' })).toBe(true);
    const r = await t.store.ingestHumanMessage({ eventId: newId('msg'), eventType: 'app_mention', channelId: c, threadTs: '70.000001', ts: '70.000001', slackUserId: 'U1', text: 'plan?', targets: ['content_manager'], protocol: { id: 'msg_req70', from: 'human:U1', to: ['content_manager'], type: 'request', priority: 'normal', context: { channel: c, thread_ts: '70.000001', related_messages: [] }, content: { body: 'plan?' }, required_response: true } });
    expect(r).toMatchObject({ duplicate: false, messageId: 'msg_req70', deliveryIds: [expect.any(String)] });
    const row = await incoming(c, '70.000001');
    expect(row).toMatchObject({ id: 'msg_req70', toAgents: ['content_manager'], type: 'request' });
    const again = await t.store.ingestHumanMessage({ eventId: newId('msg'), eventType: 'message', channelId: c, threadTs: '70.000001', ts: '70.000001', slackUserId: 'U1', text: 'plan?', targets: ['content_manager'] });
    expect(again).toEqual({ duplicate: true }); // as before: the post's second event adds nothing
  });
});
