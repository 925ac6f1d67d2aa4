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
  const claimed = await store.claimDelivery(first.deliveryIds[0]!, 60_000);
  expect(await store.renewClaims([claimed!.delivery])).toEqual(new Set(first.deliveryIds));
  await database.close();
  // Reopening the same directory keeps the data and does not re-run migrations.
  const again = await openDatabase({ dataDir: dir });
  expect(await new Store(again.db).ingestHumanMessage(input)).toEqual({ duplicate: true });
  await again.close();
});
