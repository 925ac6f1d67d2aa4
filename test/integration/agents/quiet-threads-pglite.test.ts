import { sql } from 'drizzle-orm';
import { pino } from 'pino';
import { expect, it } from 'vitest';
import { summariseQuietThreads } from '../../../src/agents/quiet-threads.js';
import { loadDepartment } from '../../../src/department/load.js';
import { RehearsalModel } from '../../../src/llm/rehearsal-model.js';
import { messages } from '../../../src/store/schema.js';
import { Store } from '../../../src/store/store.js';
import { latestThreadSummary } from '../../../src/store/thread-summary-store.js';
import { pgliteDatabase } from '../../support/pglite-database.js';

/** On embedded PGlite (one process, no lock transaction held over the model call) the sweep works the same. */
const db = pgliteDatabase('quiet');

it('summarises a quiet thread once on PGlite', async () => {
  const department = loadDepartment('manifests', 'prompts');
  const store = new Store(db().db);
  const r = await store.ingestHumanMessage({ eventId: 'EvQuietLite', eventType: 'message', channelId: 'C0LITE', threadTs: '1840000000.000001', ts: '1840000000.000001', slackUserId: 'U0HUMAN', text: 'which day for the newsletter?', targets: [] });
  if (r.duplicate) throw new Error('duplicate');
  await db().db.insert(messages).values([
    { id: 'msg_lite_1', conversationId: r.conversationId, channelId: 'C0LITE', ts: '1840000000.000002', authorKind: 'agent', authorId: 'email_specialist', type: 'reply', text: 'Tuesdays at 10:00.' },
    { id: 'msg_lite_2', conversationId: r.conversationId, channelId: 'C0LITE', ts: '1840000000.000003', authorKind: 'agent', authorId: 'content_manager', type: 'reply', text: 'Agreed.' },
  ]);
  await db().db.execute(sql`update messages set created_at = now() - interval '1 hour'`);
  const deps = { db: db().db, model: new RehearsalModel(department), department };
  const log = pino({ level: 'silent' });
  expect(await summariseQuietThreads(deps, {}, log)).toBe(1);
  expect(await summariseQuietThreads(deps, {}, log)).toBe(0);
  expect(await latestThreadSummary(db().db, r.conversationId)).toMatchObject({ messageCount: 3 });
});
