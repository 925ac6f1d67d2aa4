import { eq } from 'drizzle-orm';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDepartment } from '../../../src/department/load.js';
import { WorkStore } from '../../../src/store/work-store.js';
import { enginePorts } from '../../../src/workflows/engine-ports.js';
import { WorkflowStore } from '../../../src/workflows/workflow-store.js';
import { deliveries, messages } from '../../../src/store/schema.js';
import { postOnce, workflowMessageId, type WorkflowPost } from '../../../src/workflows/workflow-posts.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';
import { RecordingBus } from '../../support/recording-bus.js';
import { RecordingPoster } from '../../support/recording-poster.js';

/** A workflow step that runs again (a resume, a crash) finds its post instead of posting it twice. */
let t: TestDatabase;
let conversationId: string;
beforeAll(async () => {
  t = await createTestDatabase();
  const r = await t.store.ingestHumanMessage({ eventId: 'Ev-wf-posts', eventType: 'app_mention', channelId: 'C0CONTENT', threadTs: '1800000000.000001', ts: '1800000000.000001', slackUserId: 'U0HUMAN', text: 'blog please', targets: [] });
  if (r.duplicate) throw new Error('duplicate');
  conversationId = r.conversationId;
});
afterAll(async () => {
  await t?.drop();
});

const step = (key: string): WorkflowPost => ({
  runId: 'wf_test', key, conversationId, channelId: 'C0CONTENT', threadTs: '1800000000.000001', agentId: 'content_manager',
  text: '*Draft* — content workflow step', mentions: ['copywriter'], type: 'task_assignment',
});

describe('workflow posts', () => {
  it('a step that runs again (its run resumed, one driver at a time) posts once and asks its agent once', async () => {
    const poster = new RecordingPoster();
    const bus = new RecordingBus();
    const deps = { db: t.store.db, store: t.store, poster, bus };
    const a = await postOnce(deps, step('draft:1'));
    const b = await postOnce(deps, step('draft:1'));
    expect(a).toEqual(b);
    expect(poster.posts).toHaveLength(1);
    expect(await t.store.db.select().from(deliveries).where(eq(deliveries.messageId, a.messageId))).toHaveLength(1);
    expect(bus.drain()).toEqual([a.deliveryIds.copywriter]); // the second run released nothing new
  });

  it('a step that runs again after its driver died between releasing its delivery and publishing it publishes it again', async () => {
    const bus = new RecordingBus();
    const deps = { db: t.store.db, store: t.store, poster: new RecordingPoster(), bus };
    const first = await postOnce(deps, step('image:1'));
    bus.drain(); // the dead driver's publish never reached the bus
    const id = first.deliveryIds.copywriter!;
    await t.store.db.update(deliveries).set({ publishedAt: new Date(Date.now() - 11_000) }).where(eq(deliveries.id, id));
    await postOnce(deps, step('image:1'));
    expect(bus.drain()).toEqual([id]);
    // Taken by a worker since: a further run leaves it be.
    await t.store.db.update(deliveries).set({ status: 'done' }).where(eq(deliveries.id, id));
    await postOnce(deps, step('image:1'));
    expect(bus.drain()).toEqual([]);
  });

  it('a post cut short by a crash (reserved, no ts) is found in the thread, not posted again', async () => {
    const poster = new RecordingPoster();
    const deps = { db: t.store.db, store: t.store, poster, bus: new RecordingBus() };
    const messageId = workflowMessageId('wf_test', 'review:1');
    // The crashed worker: its message row and reservation are recorded, and Slack has the post.
    const { ts } = await poster.postAsAgent({ agentId: 'copywriter', channelId: 'C0CONTENT', threadTs: '1800000000.000001', text: 'x', mentions: [], rehearsal: false, protocol: { id: messageId } as never });
    await t.store.db.insert(messages).values({ id: messageId, conversationId, channelId: 'C0CONTENT', authorKind: 'agent', authorId: 'copywriter', type: 'review_request', text: 'x', postStartedAt: new Date() });
    const again = await postOnce(deps, { ...step('review:1'), agentId: 'copywriter' });
    expect(again.ts).toBe(ts);
    expect(poster.lookups).toEqual([messageId]);
    expect(poster.posts).toHaveLength(1); // only the crashed worker's
  });

  it('a crisis whose driver died between opening the all-hands thread and recording it opens it once', async () => {
    const poster = new RecordingPoster();
    const runs = new WorkflowStore(t.store.db);
    const department = loadDepartment('manifests', 'prompts');
    await runs.create({ id: 'wf_crisis_once', kind: 'crisis', conversationId, channelId: 'C0CONTENT', threadTs: '1800000000.000001', coordinator: 'cmo', brief: { topic: 'a competitor says we leak data' } });
    const deps = { db: t.store.db, store: t.store, work: new WorkStore(t.store.db), runs, poster, bus: new RecordingBus(), department, logger: pino({ level: 'silent' }) };
    // The first driver posts the thread's opening message, then dies before the move is recorded.
    const dying = Object.assign(Object.create(runs) as WorkflowStore, { moveToThread: () => Promise.reject(new Error('SIGKILL')) });
    await expect(enginePorts({ ...deps, runs: dying }).plan('wf_crisis_once')).rejects.toThrow('SIGKILL');
    expect(poster.threads).toHaveLength(1);
    await enginePorts(deps).plan('wf_crisis_once');
    expect(poster.threads).toHaveLength(1); // found by its key, not posted again
    expect(poster.threadLookups).toEqual(['workflow:wf_crisis_once', 'workflow:wf_crisis_once']);
    expect(await runs.get('wf_crisis_once')).toMatchObject({ channelId: '#marketing-leadership', threadTs: poster.threads[0]!.ts, statusTs: poster.threads[0]!.ts });
  });
});
