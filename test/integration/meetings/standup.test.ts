import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idsIn } from '../../../src/meetings/grounded-update.js';
import { rowsOf } from '../../../src/store/rows.js';
import { decisions, tasks } from '../../../src/store/schema.js';
import { WorkStore } from '../../../src/store/work-store.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';
import { department, meetingHarness } from '../../support/meeting-harness.js';

/**
 * The daily standup on the rehearsal model and the real records: every attendee's update comes
 * from its own facts (a Copywriter with a finished task and a draft waiting for approval, an SEO
 * Specialist with open work, a blocked Designer), the rest say in one line they have nothing, and
 * the VP's closing records the day's priority and hands the blocker to who can clear it.
 */
let t: TestDatabase;
const seeded: Record<string, string> = {};
beforeAll(async () => {
  t = await createTestDatabase();
  const work = new WorkStore(t.store.db);
  const done = await work.createTask({ title: 'Outline the AI costs post', assignee: 'copywriter', requester: 'content_manager' });
  await work.moveTask(done.id, { status: 'done' }, 'copywriter');
  const open = await work.createTask({ title: 'Keyword research for the pricing page', assignee: 'seo_specialist', requester: 'content_manager', dueDate: '2099-01-31' });
  await work.moveTask(open.id, { status: 'in_progress' }, 'seo_specialist');
  const blocked = await work.createTask({ title: 'Header image for the AI costs post', assignee: 'designer', requester: 'content_manager' });
  await work.moveTask(blocked.id, { status: 'blocked' }, 'designer');
  const draft = (await work.submitDeliverable({ contentType: 'blog_post', title: 'AI costs for small businesses', author: 'copywriter', content: 'v1' }))!;
  const request = await work.requestApproval({ deliverableId: draft.deliverableId, version: 1, summary: 'Publish it', requestedBy: 'copywriter', autonomyLevel: 'L3' });
  // Two messages of the Copywriter's in a thread: activity without a record id of its own.
  await t.store.db.execute(sql`insert into conversations (id, channel_id, thread_ts) values ('conv_standup_test', 'C0CONTENT', '1.1')`);
  for (const n of [1, 2]) {
    await t.store.db.execute(sql`insert into messages (id, conversation_id, channel_id, ts, author_kind, author_id, type, text) values (${`msg_standup_${n}`}, 'conv_standup_test', 'C0CONTENT', ${`1.${n + 1}`}, 'agent', 'copywriter', 'reply', 'On it.')`);
  }
  Object.assign(seeded, { done: done.id, open: open.id, blocked: blocked.id, draft: draft.deliverableId, request: request.id });
});
afterAll(async () => {
  await t?.drop();
});

describe('the daily standup', () => {
  it('is one thread: the VP opens it, every agent gives its own grounded update, the VP closes with decisions and tasks', async () => {
    const h = meetingHarness(t);
    const meeting = await h.hold('standup');
    expect(meeting.state).toBe('done');

    // One thread in the standup channel, opened by the VP under a key, every reply in it.
    expect(h.poster.threads).toHaveLength(1);
    expect(h.poster.threads[0]).toMatchObject({ agentId: 'vp_marketing', channel: '#dept-standup', key: `meeting:${meeting.id}` });
    expect(h.poster.threads[0]!.text).toMatch(/^\*Daily standup — \w+day, /);
    expect(new Set(h.poster.posts.map((p) => p.threadTs))).toEqual(new Set([h.poster.threads[0]!.ts]));
    expect(meeting.threadTs).toBe(h.poster.threads[0]!.ts);

    // Every attending agent once, under its own identity, in the department's order; then the VP's closing.
    const updates = h.poster.posts.slice(0, -1);
    expect(updates.map((p) => p.agentId)).toEqual(department.agents.map((a) => a.id));
    expect(h.poster.posts.at(-1)!.agentId).toBe('vp_marketing');

    const [copywriter] = h.byAgent('copywriter');
    expect(copywriter).toContain(`Outline the AI costs post`);
    expect(copywriter).toContain(`[${seeded.done}]`);
    expect(copywriter).toMatch(/rehearsal answer/);
    expect(copywriter).toMatch(/^• Posted 2 messages in 1 thread$/m);
    // Written from the facts, nothing of the rehearsal model's is taken out as ungrounded.
    expect(h.poster.posts.filter((p) => p.text.includes('taken out'))).toEqual([]);
    expect(h.byAgent('seo_specialist')[0]).toContain(`[${seeded.open}]`);
    expect(h.byAgent('designer')[0]).toMatch(/\*Blockers:\*\n• .*Header image for the AI costs post/);
    expect(h.byAgent('twitter_manager')[0]).toMatch(/^Nothing to report since the last daily standup\./);

    // Nothing claimed that is not on record: every id cited in an update exists.
    const cited = updates.flatMap((p) => idsIn(p.text));
    expect(cited.length).toBeGreaterThan(0);
    const known = rowsOf<{ id: string }>(
      await t.store.db.execute(sql`select id from tasks union select id from deliverables union select id from approval_requests union select id from decisions union select id from conversations`),
    ).map((r) => r.id);
    expect(cited.filter((id) => !known.includes(id))).toEqual([]);

    // The closing: the priority recorded as a decision, the blocker a task for the Designer's manager.
    const closing = h.poster.posts.at(-1)!.text;
    expect(closing).toMatch(/\*Decisions\*/);
    expect(closing).toMatch(/\*Action items\*[\s\S]*\*Content Manager:\* Unblock Designer/);
    const recorded = await t.store.db.select().from(decisions).where(eq(decisions.conversationId, meeting.conversationId!));
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toMatchObject({ maker: 'vp_marketing', type: 'prioritization', context: `Daily standup ${h.today}` });
    expect(recorded[0]!.decision).toMatch(/^Priority today: .*AI costs for small businesses/);
    const actions = await t.store.db.select().from(tasks).where(eq(tasks.conversationId, meeting.conversationId!));
    expect(actions.map((a) => [a.assignee, a.requester])).toEqual([['content_manager', 'vp_marketing']]);
    expect(actions[0]!.title).toMatch(/^Unblock Designer: /);
    expect(actions[0]!.dueDate).not.toBeNull();

    // The opening became the status line: what the meeting produced.
    expect(h.poster.updates.at(-1)!.text).toMatch(new RegExp(`\\*Done:\\* ${department.agents.length} updates · 1 decision · 1 action item`));
    // Its model calls are on record, linked to the thread.
    const [calls] = rowsOf<{ n: number }>(await t.store.db.execute(sql`select count(*)::int as n from llm_calls where conversation_id = ${meeting.conversationId}`));
    expect(calls!.n).toBe(department.agents.length + 1);
  });
});
