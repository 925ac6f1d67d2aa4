import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decisions, tasks } from '../../../src/store/schema.js';
import { WorkStore } from '../../../src/store/work-store.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';
import { meetingHarness } from '../../support/meeting-harness.js';

/**
 * Weekly planning, the monthly review and quarterly planning on the rehearsal model: what each
 * opens with comes from the records (last week's tasks, the month's metrics), what each closes
 * with is recorded (slipped work rescheduled as tasks, adjustments and OKRs as decisions), and the
 * OKRs are referenced by the meetings after them.
 */
let t: TestDatabase;
let slipped: string;
beforeAll(async () => {
  t = await createTestDatabase();
  const work = new WorkStore(t.store.db);
  const done = await work.createTask({ title: 'Publish the pricing page copy', assignee: 'copywriter', requester: 'content_manager' });
  await work.moveTask(done.id, { status: 'done' }, 'copywriter');
  // Due three days ago and still open: it slipped.
  const late = await work.createTask({ title: 'Competitor pricing scan', assignee: 'market_research', requester: 'vp_marketing' });
  slipped = late.id;
  await t.store.db.execute(sql`update tasks set due_date = (now() - interval '3 days')::date, created_at = now() - interval '6 days' where id = ${late.id}`);
});
afterAll(async () => {
  await t?.drop();
});

const recorded = async (conversationId: string) => ({
  decisions: await t.store.db.select().from(decisions).where(eq(decisions.conversationId, conversationId)),
  tasks: await t.store.db.select().from(tasks).where(eq(tasks.conversationId, conversationId)),
});

describe('planning meetings', () => {
  it("weekly planning: last week's completed and slipped tasks open it; the slipped one is rescheduled to its owner", async () => {
    const [before] = await t.store.db.select().from(tasks).where(eq(tasks.id, slipped));
    const h = meetingHarness(t);
    const m = await h.hold('weekly_planning');
    const opening = h.poster.threads[0]!.text;
    expect(opening).toMatch(/^\*Weekly planning — /);
    expect(opening).toMatch(/\*Last week:\* 1 task completed, 1 slipped/);
    expect(opening).toContain(`Slipped: Competitor pricing scan`);
    // The managers attend (the department file's attendees: [management]); the VP leads and closes.
    expect(h.poster.posts.slice(0, -1).map((p) => p.agentId)).toEqual(['campaign_manager', 'content_manager', 'social_media_manager']);
    expect(h.poster.posts.at(-1)!.agentId).toBe('vp_marketing');
    const r = await recorded(m.conversationId!);
    expect(r.decisions.map((d) => [d.type, d.decision])).toEqual([['weekly_priority', "Next week's first priority: the 1 slipped task"]]);
    expect(r.tasks).toHaveLength(1);
    expect(r.tasks[0]).toMatchObject({ assignee: 'market_research', requester: 'vp_marketing', status: 'todo' });
    expect(r.tasks[0]!.title).toMatch(/^Finish “Competitor pricing scan” \(slipped; was due \d{4}-\d{2}-\d{2}\)$/);
    expect(r.tasks[0]!.dueDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // Rescheduled as a new task under the meeting's decision; the slipped one is left as it was.
    expect(r.tasks[0]!.decisionId).toBe(r.decisions[0]!.id);
    expect((await t.store.db.select().from(tasks).where(eq(tasks.id, slipped)))[0]).toEqual(before);
  });

  it('the monthly review opens with the metrics table and records its adjustment', async () => {
    const h = meetingHarness(t);
    const m = await h.hold('monthly_review');
    const opening = h.poster.threads[0]!.text;
    expect(opening).toMatch(/\*The month in numbers\*\n```/);
    expect(opening).toMatch(/^Tasks completed +1$/m);
    const r = await recorded(m.conversationId!);
    expect(r.decisions).toHaveLength(1);
    expect(r.decisions[0]).toMatchObject({ maker: 'cmo', type: 'strategic_adjustment' });
    expect(r.decisions[0]!.decision).toMatch(/^Hold the strategy: no deliverable was approved this month/);
  });

  it('quarterly planning records OKRs, and the next meeting opens with them', async () => {
    const h = meetingHarness(t);
    const m = await h.hold('quarterly_planning');
    const r = await recorded(m.conversationId!);
    expect(r.decisions.map((d) => d.type)).toEqual(['okr', 'okr']);
    expect(r.decisions.map((d) => d.decision)).toEqual([expect.stringMatching(/^O1 Ship on time/), expect.stringMatching(/^O2 Right first time/)]);
    expect(r.tasks.map((x) => x.assignee).sort()).toEqual(['content_manager', 'vp_marketing']);
    // The outcome does not link items to decisions: they are on the first decision only, and its tasks link to it.
    expect(r.decisions.map((d) => d.actions.length)).toEqual([2, 0]);
    for (const task of r.tasks) expect(task).toMatchObject({ decisionId: r.decisions[0]!.id, updatedBy: r.decisions[0]!.maker });

    const next = meetingHarness(t);
    await next.hold('standup');
    const opening = next.poster.threads[0]!.text;
    expect(opening).toContain('*Current OKRs* (quarterly planning):');
    for (const d of r.decisions) expect(opening).toContain(`${d.decision} [${d.id}]`);
    const [okr] = await t.store.db.select().from(decisions).where(and(eq(decisions.type, 'okr'), eq(decisions.id, r.decisions[0]!.id)));
    expect(okr!.reasoning).toMatch(/^KR1 /);
  });
});
