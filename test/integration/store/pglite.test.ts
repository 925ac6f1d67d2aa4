import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { openDatabase, pingDatabase } from '../../../src/store/database.js';
import { Store } from '../../../src/store/store.js';

const dir = mkdtempSync(path.join(tmpdir(), 'dept-pglite-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('runs the migrations and the store on embedded PGlite when DATABASE_URL is absent', async () => {
  const database = await openDatabase({ dataDir: dir });
  expect(database.kind).toBe('pglite');
  expect(await pingDatabase(database.db)).toBe(true);
  const store = new Store(database.db);
  const input = { eventId: 'Ev1', eventType: 'message', channelId: 'C1', threadTs: '1.1', ts: '1.1', slackUserId: 'U1', text: 'hi', targets: ['cmo'] };
  const first = await store.ingestHumanMessage(input);
  expect(first.duplicate).toBe(false);
  expect(await store.ingestHumanMessage(input)).toEqual({ duplicate: true });
  expect(await store.takeStaleDeliveries(0, 0)).toHaveLength(1);
  if (first.duplicate) throw new Error('unexpected duplicate');
  const budget = { timezone: 'America/New_York', budgets: { thread_agent_turns: 12, thread_spend_usd: 2, daily_spend_usd: 50, agent_daily_spend_usd: 10 } };
  const claimed = await store.claimDelivery(first.deliveryIds[0]!, 60_000, budget);
  expect(claimed?.reservation).toMatchObject({ reserved: true, turnsSinceHuman: 0, spentToday: 0 });
  expect(await store.renewClaims([claimed!.delivery])).toEqual(new Set(first.deliveryIds));
  // The turn statements as the offline department runs them.
  const call = { agentId: 'cmo', model: 'claude-sonnet-5-5', inputTokens: 10, outputTokens: 5, costUsd: 0.5, latencyMs: 1 };
  expect(await store.recordTurn({ timezone: 'America/New_York', claim: claimed!.delivery, conversationId: first.conversationId, costUsd: 0.5, calls: [call], messages: [] })).toBe(true);
  expect(await store.completeTurn({ deliveryId: claimed!.delivery.id, status: 'done', outcome: 'declined: test', posted: [], unposted: [], releaseTurn: true })).toEqual([]);
  expect((await store.spendTodayByAgent('America/New_York')).get('cmo')).toBeCloseTo(0.5);
  expect(await store.getConversation(first.conversationId)).toMatchObject({ agentTurnsSinceHuman: 0, spendUsd: 0.5 });
  await database.close();
  // Reopening the same directory keeps the data and does not re-run migrations.
  const again = await openDatabase({ dataDir: dir });
  expect(await new Store(again.db).ingestHumanMessage(input)).toEqual({ duplicate: true });
  await again.close();
});
