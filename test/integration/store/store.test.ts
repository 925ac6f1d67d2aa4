import { OPEN_BUDGET } from '../../support/department-fixture.js';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { openDatabase } from '../../../src/store/database.js';
import { deliveries } from '../../../src/store/schema.js';
import { Store } from '../../../src/store/store.js';
import { newId } from '../../../src/store/ids.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';
import type { ProtocolMessage } from '../../../src/protocol/message.js';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t?.drop();
});

const human = (over: Partial<Parameters<TestDatabase['store']['ingestHumanMessage']>[0]> = {}) => ({
  eventId: newId('msg'),
  eventType: 'app_mention',
  channelId: 'C1',
  threadTs: '100.000001',
  ts: '100.000001',
  slackUserId: 'U1',
  text: 'hello',
  targets: ['content_manager'],
  ...over,
});

const protocol = (id: string, from: string, to: string[]): ProtocolMessage => ({
  id,
  from,
  to,
  type: 'task_assignment',
  priority: 'normal',
  context: { channel: 'C1', thread_ts: '100.000001', related_messages: [] },
  content: { body: 'do it' },
  required_response: false,
});

describe('Store', () => {
  it('records a human message with one delivery per target, and answers a retried event as a duplicate', async () => {
    const input = human({ targets: ['content_manager', 'copywriter', 'copywriter'] });
    const first = await t.store.ingestHumanMessage(input);
    expect(first.duplicate).toBe(false);
    if (first.duplicate) return;
    expect(first.deliveryIds).toHaveLength(2);
    expect(await t.store.ingestHumanMessage(input)).toEqual({ duplicate: true });
    // Same Slack message arriving as a second event type (app_mention + message) is also a duplicate.
    expect(await t.store.ingestHumanMessage({ ...input, eventId: 'Ev-other', eventType: 'message' })).toEqual({ duplicate: true });
  });

  it('claims a delivery once, holds an agent message\'s deliveries until it is posted, drops those never posted, and lists thread agents', async () => {
    const r = await t.store.ingestHumanMessage(human({ ts: '200.1', threadTs: '200.1' }));
    if (r.duplicate) throw new Error('unexpected duplicate');
    const claimed = await t.store.claimDelivery(r.deliveryIds[0]!, 60_000, OPEN_BUDGET);
    expect(claimed?.message.text).toBe('hello');
    expect(await t.store.claimDelivery(r.deliveryIds[0]!, 60_000, OPEN_BUDGET)).toBeNull();

    const msgId = newId('msg');
    const unsentId = newId('msg');
    const agentMessage = (id: string, targets: string[]) => ({
      channelId: 'C1',
      agentId: 'content_manager',
      text: 'over to you',
      protocol: protocol(id, 'content_manager', targets),
      sourceDeliveryId: r.deliveryIds[0]!,
      targets,
    });
    await t.store.recordTurn({
      timezone: 'UTC',
      claim: claimed!.delivery,
      conversationId: r.conversationId,
      costUsd: 0.01,
      calls: [],
      messages: [agentMessage(msgId, ['copywriter', 'content_manager']), agentMessage(unsentId, ['seo_specialist'])],
    });
    const released = await t.store.completeTurn({
      deliveryId: r.deliveryIds[0]!,
      status: 'failed',
      outcome: 'post failed: test',
      posted: [{ messageId: msgId, ts: '200.2' }],
      unposted: [unsentId],
    });
    expect(released).toHaveLength(1); // to copywriter only: never to itself, and not from the unsent message
    const rec = { deliveryIds: released };
    const next = await t.store.claimDelivery(rec.deliveryIds[0]!, 60_000, OPEN_BUDGET);
    expect(next?.delivery.agentId).toBe('copywriter');
    const history = await t.store.historyBefore(next!.message, 10);
    expect(history.map((m) => m.text)).toEqual(['hello']);
    expect(await t.store.threadAgents('C1', '200.1')).toEqual(['content_manager']);
    expect((await t.store.messagesFromDelivery(r.deliveryIds[0]!)).map((m) => m.ts)).toEqual(['200.2', null]);
  });

  it('takes a turn with the claim, keeps it across re-claims, gives it back once, resets the turn budget when a human speaks, and grants the budget notice once', async () => {
    const r = await t.store.ingestHumanMessage(human({ ts: '300.1', threadTs: '300.1' }));
    if (r.duplicate) throw new Error('unexpected duplicate');
    const budget = { timezone: 'UTC', budgets: { thread_agent_turns: 2, thread_spend_usd: 1, daily_spend_usd: 50, agent_daily_spend_usd: 10 } };
    const first = (await t.store.claimDelivery(r.deliveryIds[0]!, 60_000, budget))!;
    expect(first.reservation).toMatchObject({ reserved: true, turnsSinceHuman: 0 });
    // Re-claimed after its lease ran out (a crashed worker): the same delivery keeps its turn, counted once.
    await new Promise((resolve) => setTimeout(resolve, 5));
    const again = (await t.store.claimDelivery(r.deliveryIds[0]!, 1, budget))!;
    expect(again.reservation).toMatchObject({ reserved: true, turnsSinceHuman: 1 });
    const { delivery } = again;
    expect(await t.store.recordTurn({ timezone: 'UTC', claim: delivery, conversationId: r.conversationId, costUsd: 0.25, calls: [], messages: [] })).toBe(true);
    expect(await t.store.recordTurn({ timezone: 'UTC', claim: delivery, conversationId: r.conversationId, costUsd: 0.5, calls: [], messages: [] })).toBe(true);
    let conv = await t.store.getConversation(r.conversationId);
    expect(conv).toMatchObject({ agentTurns: 1, agentTurnsSinceHuman: 1, spendUsd: 0.75 });
    await t.store.releaseTurn(delivery.id);
    await t.store.releaseTurn(delivery.id); // idempotent
    conv = await t.store.getConversation(r.conversationId);
    expect(conv).toMatchObject({ agentTurns: 0, agentTurnsSinceHuman: 0 });
    expect(await t.store.claimBudgetNotice(r.conversationId)).toBe(true);
    expect(await t.store.claimBudgetNotice(r.conversationId)).toBe(false);
    await t.store.ingestHumanMessage(human({ ts: '300.2', threadTs: '300.1' }));
    conv = await t.store.getConversation(r.conversationId);
    expect(conv).toMatchObject({ agentTurnsSinceHuman: 0, budgetNoticeAt: null });
  });

  it('holds the thread turn budget when many deliveries are claimed at once, and the daily budget across stores', async () => {
    const r = await t.store.ingestHumanMessage(human({ ts: '310.1', threadTs: '310.1' }));
    if (r.duplicate) throw new Error('unexpected duplicate');
    // 13 agent deliveries of one thread, as one fan-out would make them.
    const ids = Array.from({ length: 13 }, () => newId('dlv'));
    await t.store.db.insert(deliveries).values(ids.map((id, i) => ({ id, messageId: r.messageId, conversationId: r.conversationId, agentId: `agent_${i}`, status: 'pending' as const })));
    const budget = { timezone: 'UTC', budgets: { thread_agent_turns: 12, thread_spend_usd: 100, daily_spend_usd: 50, agent_daily_spend_usd: 10 } };
    // A second Store on its own pool stands in for a second worker process.
    const second = await openDatabase({ url: t.url, dataDir: '', poolSize: 6 });
    onTestFinished(() => second.close());
    const other = new Store(second.db);
    const claims = await Promise.all(ids.map((id, i) => (i % 2 ? other : t.store).claimDelivery(id, 60_000, budget)));
    expect(claims.filter((c) => c?.reservation.reserved)).toHaveLength(12);
    expect((await t.store.getConversation(r.conversationId))?.agentTurnsSinceHuman).toBe(12);
    // Two claims of one delivery at once: one claim, one turn.
    const r3 = await t.store.ingestHumanMessage(human({ ts: '315.1', threadTs: '315.1' }));
    if (r3.duplicate) throw new Error('unexpected duplicate');
    const both = await Promise.all([t.store.claimDelivery(r3.deliveryIds[0]!, 60_000, budget), other.claimDelivery(r3.deliveryIds[0]!, 60_000, budget)]);
    expect(both.filter(Boolean)).toHaveLength(1);
    expect((await t.store.getConversation(r3.conversationId))?.agentTurnsSinceHuman).toBe(1);

    // Spend recorded by one process stops the next turn in another.
    await t.store.recordTurn({
      timezone: 'UTC',
      claim: claims[0]!.delivery,
      conversationId: r.conversationId,
      costUsd: 60,
      calls: [{ agentId: 'agent_0', model: 'claude-opus-5-5', inputTokens: 1, outputTokens: 1, costUsd: 60, latencyMs: 1 }],
      messages: [],
    });
    const r2 = await t.store.ingestHumanMessage(human({ ts: '320.1', threadTs: '320.1' }));
    if (r2.duplicate) throw new Error('unexpected duplicate');
    const blocked = await other.claimDelivery(r2.deliveryIds[0]!, 60_000, budget);
    expect(blocked?.reservation).toMatchObject({ reserved: false, spentToday: 60 });
  });

  it('says with the claim whether the thread has history to read', async () => {
    const first = await t.store.ingestHumanMessage(human({ ts: '330.1', threadTs: '330.1' }));
    const reply = await t.store.ingestHumanMessage(human({ ts: '330.2', threadTs: '330.1' }));
    if (first.duplicate || reply.duplicate) throw new Error('unexpected duplicate');
    expect((await t.store.claimDelivery(first.deliveryIds[0]!, 60_000, OPEN_BUDGET))?.hasHistory).toBe(false);
    expect((await t.store.claimDelivery(reply.deliveryIds[0]!, 60_000, OPEN_BUDGET))?.hasHistory).toBe(true);
  });

  it('refuses to record a turn whose claim was taken over by another worker', async () => {
    const r = await t.store.ingestHumanMessage(human({ ts: '350.1', threadTs: '350.1' }));
    if (r.duplicate) throw new Error('unexpected duplicate');
    const first = (await t.store.claimDelivery(r.deliveryIds[0]!, 60_000, OPEN_BUDGET))!.delivery;
    expect(await t.store.renewClaims([first])).toEqual(new Set([first.id]));
    await new Promise((resolve) => setTimeout(resolve, 20));
    const second = (await t.store.claimDelivery(r.deliveryIds[0]!, 10, OPEN_BUDGET))!.delivery; // first looked abandoned
    expect(second.attempts).toBe(2);
    expect(await t.store.renewClaims([first, second])).toEqual(new Set([second.id])); // first's lease is lost
    expect(await t.store.recordTurn({ timezone: 'UTC', claim: first, conversationId: r.conversationId, costUsd: 1, calls: [], messages: [] })).toBe(false);
    expect((await t.store.getConversation(r.conversationId))?.spendUsd).toBe(0);
    expect(await t.store.recordTurn({ timezone: 'UTC', claim: second, conversationId: r.conversationId, costUsd: 1, calls: [], messages: [] })).toBe(true);
  });

  it('reserves the first post of a turn in its record, the next one with the ts of the last, and clears refused ones', async () => {
    const r = await t.store.ingestHumanMessage(human({ ts: '370.1', threadTs: '370.1' }));
    if (r.duplicate) throw new Error('unexpected duplicate');
    const { delivery } = (await t.store.claimDelivery(r.deliveryIds[0]!, 60_000, OPEN_BUDGET))!;
    const msg = (id: string) => ({
      channelId: 'C1',
      agentId: 'seo_specialist',
      text: id,
      protocol: { id, from: 'seo_specialist', to: [], type: 'reply' as const, priority: 'normal' as const, context: { channel: 'C1', related_messages: [] }, content: { body: id }, required_response: false },
      sourceDeliveryId: delivery.id,
      targets: [],
    });
    await t.store.recordTurn({ timezone: 'UTC', claim: delivery, conversationId: r.conversationId, costUsd: 0, calls: [], messages: [msg('msg_resv_a'), msg('msg_resv_b')] });
    const state = async () => (await t.store.messagesFromDelivery(delivery.id)).map((m) => [m.id, m.ts, m.postStartedAt !== null]);
    expect(await state()).toEqual([['msg_resv_a', null, true], ['msg_resv_b', null, false]]);
    await t.store.markPostedAndReserve({ messageId: 'msg_resv_a', ts: '370.5' }, 'msg_resv_b');
    expect(await state()).toEqual([['msg_resv_a', '370.5', true], ['msg_resv_b', null, true]]);
    await t.store.completeTurn({ deliveryId: delivery.id, status: 'retry', outcome: 'rate limited', posted: [{ messageId: 'msg_resv_a', ts: '370.5' }], unposted: ['msg_resv_b'], refused: ['msg_resv_b'] });
    expect(await state()).toEqual([['msg_resv_a', '370.5', true], ['msg_resv_b', null, false]]);
    // Handed back: pending again, for the bus to retry.
    expect((await t.store.claimDelivery(delivery.id, 60_000, OPEN_BUDGET))?.delivery.attempts).toBe(2);
  });

  it('hands back released and forgotten deliveries to the sweeper', async () => {
    const r = await t.store.ingestHumanMessage(human({ ts: '400.1', threadTs: '400.1', targets: ['seo_specialist'] }));
    if (r.duplicate) throw new Error('unexpected duplicate');
    expect(await t.store.takeStaleDeliveries(60_000, 60_000)).not.toContain(r.deliveryIds[0]);
    await t.store.claimDelivery(r.deliveryIds[0]!, 60_000, OPEN_BUDGET);
    await t.store.releaseDeliveries(r.deliveryIds);
    expect(await t.store.takeStaleDeliveries(60_000, 60_000)).toContain(r.deliveryIds[0]);
    // Stamped: the next sweep leaves it alone for a while.
    expect(await t.store.takeStaleDeliveries(60_000, 60_000)).not.toContain(r.deliveryIds[0]);
  });

  it('sums model spend per agent for today in the department timezone', async () => {
    const r = await t.store.ingestHumanMessage(human({ ts: '500.1', threadTs: '500.1' }));
    if (r.duplicate) throw new Error('unexpected duplicate');
    const { delivery } = (await t.store.claimDelivery(r.deliveryIds[0]!, 60_000, OPEN_BUDGET))!;
    const call = { model: 'm', inputTokens: 1, outputTokens: 1, latencyMs: 3 };
    const turn = (calls: { agentId: string; costUsd: number }[]) =>
      t.store.recordTurn({ timezone: 'America/New_York', claim: delivery, conversationId: r.conversationId, costUsd: 0, calls: calls.map((c) => ({ ...call, ...c })), messages: [] });
    await turn([
      { agentId: 'cmo', costUsd: 0.125 },
      { agentId: 'cmo', costUsd: 0.5 },
    ]);
    await turn([{ agentId: 'vp_marketing', costUsd: 0.25 }]);
    const spend = await t.store.spendTodayByAgent('America/New_York');
    expect(spend.get('cmo')).toBeCloseTo(0.625);
    expect(spend.get('vp_marketing')).toBeCloseTo(0.25);
  });
});
