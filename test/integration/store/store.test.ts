import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

  it('claims a delivery once, holds an agent message\'s deliveries until it is posted, and lists thread agents', async () => {
    const r = await t.store.ingestHumanMessage(human({ ts: '200.1', threadTs: '200.1' }));
    if (r.duplicate) throw new Error('unexpected duplicate');
    const claimed = await t.store.claimDelivery(r.deliveryIds[0]!, 60_000);
    expect(claimed?.message.text).toBe('hello');
    expect(await t.store.claimDelivery(r.deliveryIds[0]!, 60_000)).toBeNull();

    const msgId = newId('msg');
    const rec = await t.store.recordAgentMessage({
      conversationId: r.conversationId,
      channelId: 'C1',
      agentId: 'content_manager',
      text: 'over to you',
      protocol: protocol(msgId, 'content_manager', ['copywriter', 'content_manager']),
      sourceDeliveryId: r.deliveryIds[0]!,
      targets: ['copywriter', 'content_manager'],
    });
    expect(rec.deliveryIds).toHaveLength(1); // never to itself
    expect(await t.store.claimDelivery(rec.deliveryIds[0]!, 60_000)).toBeNull(); // held
    expect(await t.store.markPosted(msgId, '200.2')).toEqual(rec.deliveryIds);
    const next = await t.store.claimDelivery(rec.deliveryIds[0]!, 60_000);
    expect(next?.delivery.agentId).toBe('copywriter');
    const history = await t.store.historyBefore(next!.message, 10);
    expect(history.map((m) => m.text)).toEqual(['hello']);
    expect(await t.store.threadAgents('C1', '200.1')).toEqual(['content_manager']);
    expect((await t.store.messagesFromDelivery(r.deliveryIds[0]!)).map((m) => m.ts)).toEqual(['200.2']);
  });

  it('charges turns, resets the turn budget when a human speaks, and grants the budget notice once', async () => {
    const r = await t.store.ingestHumanMessage(human({ ts: '300.1', threadTs: '300.1' }));
    if (r.duplicate) throw new Error('unexpected duplicate');
    await t.store.chargeTurn(r.conversationId, 0.25);
    await t.store.chargeTurn(r.conversationId, 0.5);
    let conv = await t.store.getConversation(r.conversationId);
    expect(conv).toMatchObject({ agentTurns: 2, agentTurnsSinceHuman: 2, spendUsd: 0.75 });
    expect(await t.store.claimBudgetNotice(r.conversationId)).toBe(true);
    expect(await t.store.claimBudgetNotice(r.conversationId)).toBe(false);
    await t.store.ingestHumanMessage(human({ ts: '300.2', threadTs: '300.1' }));
    conv = await t.store.getConversation(r.conversationId);
    expect(conv).toMatchObject({ agentTurns: 2, agentTurnsSinceHuman: 0, budgetNoticeAt: null });
  });

  it('hands back released and forgotten deliveries to the sweeper', async () => {
    const r = await t.store.ingestHumanMessage(human({ ts: '400.1', threadTs: '400.1', targets: ['seo_specialist'] }));
    if (r.duplicate) throw new Error('unexpected duplicate');
    expect(await t.store.takeStaleDeliveries(60_000, 60_000)).not.toContain(r.deliveryIds[0]);
    await t.store.claimDelivery(r.deliveryIds[0]!, 60_000);
    await t.store.releaseDeliveries(r.deliveryIds);
    expect(await t.store.takeStaleDeliveries(60_000, 60_000)).toContain(r.deliveryIds[0]);
    // Stamped: the next sweep leaves it alone for a while.
    expect(await t.store.takeStaleDeliveries(60_000, 60_000)).not.toContain(r.deliveryIds[0]);
  });

  it('sums model spend per agent for today in the department timezone', async () => {
    const call = { model: 'm', inputTokens: 1, outputTokens: 1, latencyMs: 3 };
    await t.store.recordLlmCalls([
      { ...call, agentId: 'cmo', costUsd: 0.125 },
      { ...call, agentId: 'cmo', costUsd: 0.5 },
    ]);
    await t.store.recordLlmCalls([{ ...call, agentId: 'vp_marketing', costUsd: 0.25 }]);
    const spend = await t.store.spendTodayByAgent('America/New_York');
    expect(spend.get('cmo')).toBeCloseTo(0.625);
    expect(spend.get('vp_marketing')).toBeCloseTo(0.25);
  });
});
