import type Anthropic from '@anthropic-ai/sdk';
import { eq, sql } from 'drizzle-orm';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatModel, ModelRequest, ModelResponse } from '../../../src/llm/model.js';
import { parseFactSheet } from '../../../src/meetings/fact-sheet-text.js';
import { parseMeetingPrompt, RECORD_MEETING_OUTCOME } from '../../../src/meetings/meeting-prompts.js';
import { meetings as meetingsTable } from '../../../src/meetings/meeting-schema.js';
import { startMeetings } from '../../../src/meetings/start-meetings.js';
import { openDatabase, type Database } from '../../../src/store/database.js';
import { rowsOf } from '../../../src/store/rows.js';
import { Store } from '../../../src/store/store.js';
import { WorkStore } from '../../../src/store/work-store.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';
import { department, meetingHarness } from '../../support/meeting-harness.js';

/** Meetings against what breaks them: processes racing for one, a process dying mid-thread, a model that claims too much. */
let t: TestDatabase;
let second: Database;
beforeAll(async () => {
  t = await createTestDatabase();
  second = await openDatabase({ url: t.url, dataDir: '', poolSize: 5 });
  const work = new WorkStore(t.store.db);
  const task = await work.createTask({ title: 'Keyword research for the pricing page', assignee: 'seo_specialist', requester: 'content_manager' });
  await work.moveTask(task.id, { status: 'in_progress' }, 'seo_specialist');
});
afterAll(async () => {
  await second?.close();
  await t?.drop();
});

const silent = pino({ level: 'silent' });

describe('meetings under stress', () => {
  it('two processes asked for the same meeting at once hold it once', async () => {
    const held: string[] = [];
    const processes = [t.store.db, second.db].map((db) => {
      const m = startMeetings({ db, department, logger: silent });
      m.holdWith(async (meeting) => void held.push(meeting.id), { schedule: false });
      return m;
    });
    const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => processes[i % 2]!.request('weekly_planning', 'U0ALEX')));
    await Promise.all(processes.map((p) => p.stop()));
    expect(answers.filter((a) => 'started' in a)).toHaveLength(1);
    expect(answers.filter((a) => 'taken' in a)).toHaveLength(9);
    expect(held).toHaveLength(1);
    const rows = await t.store.db.select().from(meetingsTable).where(eq(meetingsTable.kind, 'weekly_planning'));
    expect(rows.map((r) => r.id)).toEqual(held);
  });

  it('a process that dies mid-thread: another takes the meeting over and posts only what is missing', async () => {
    const dying = meetingHarness(t);
    const post = dying.poster.postAsAgent.bind(dying.poster);
    // The sixth post never reaches Slack: the process is gone.
    dying.poster.postAsAgent = async (p) => {
      if (dying.poster.posts.length === 5) throw new Error('SIGKILL');
      return post(p);
    };
    await expect(dying.hold('standup')).rejects.toThrow('SIGKILL');
    const [row] = await t.store.db.select().from(meetingsTable).where(eq(meetingsTable.kind, 'standup'));
    expect(row).toMatchObject({ state: 'running' });
    // The updates it had written are costed to the meeting's thread, though it stopped before recording them.
    const [unposted] = rowsOf<{ calls: number }>(await t.store.db.execute(sql`select count(*)::int as calls from llm_calls where conversation_id = ${row!.conversationId}`));
    expect(unposted!.calls).toBeGreaterThan(0);
    expect(rowsOf<{ calls: number }>(await t.store.db.execute(sql`select count(*)::int as calls from llm_calls where conversation_id is null`))[0]!.calls).toBe(0);
    await t.store.db.execute(sql`update meetings set lease_until = now() - interval '1 second' where id = ${row!.id}`);

    const next = meetingHarness({ ...t, store: new Store(second.db) });
    const taken = await next.meetings.takeOver(row!.id);
    expect(taken).not.toBeNull();
    await next.runner.hold(taken!);

    // The thread was opened once; every update is in it once, in order, then the closing once.
    expect(dying.poster.threads).toHaveLength(1);
    expect(next.poster.threads).toHaveLength(0);
    const all = [...dying.poster.posts, ...next.poster.posts];
    expect(all.map((p) => p.agentId)).toEqual([...department.agents.map((a) => a.id), 'vp_marketing']);
    expect(new Set(all.map((p) => p.protocol.id)).size).toBe(all.length);
    expect(new Set(all.map((p) => p.threadTs))).toEqual(new Set([dying.poster.threads[0]!.ts]));
    expect((await next.meetings.byId(row!.id))!.state).toBe('done');
  });

  it("a model's update that cites a record not in its facts loses that line; its calls are costed", async () => {
    const model = claimsTooMuch();
    const h = meetingHarness(t, model);
    const m = await h.hold('quarterly_planning'); // everyone attends
    const [cm] = h.byAgent('seo_specialist');
    // Its one claim backed by a record stays; the made-up one goes.
    expect(cm).toMatch(/^• Reviewed the pricing page plan \[task_[0-9a-f]{32}\]$/m);
    expect(cm).not.toContain('task_0123456789abcdef');
    expect(cm).toContain('(1 line taken out: they claimed what the records do not show)');
    // An agent with no facts that still claims work keeps none of it.
    const [designer] = h.byAgent('designer');
    expect(designer).not.toMatch(/Reviewed|Shipped/);
    expect(designer).toContain('(2 lines taken out');
    const [spent] = rowsOf<{ calls: number; usd: number }>(await t.store.db.execute(sql`select count(*)::int as calls, sum(cost_usd)::float as usd from llm_calls where conversation_id = ${m.conversationId}`));
    expect(spent!.calls).toBe(model.calls);
    expect(spent!.usd).toBeGreaterThan(0);
  });
});

/** A model (not the rehearsal one) whose updates add a claim about a task that does not exist. */
function claimsTooMuch(): ChatModel & { calls: number } {
  const m = {
    rehearsal: false,
    label: 'scripted test model',
    calls: 0,
    async create(request: ModelRequest): Promise<ModelResponse> {
      m.calls++;
      const text = String(request.messages.at(-1)!.content);
      const meeting = parseMeetingPrompt(text)!;
      const sheet = parseFactSheet(text);
      const content: Anthropic.ContentBlock[] =
        meeting.mode === 'closing'
          ? [{ type: 'tool_use', id: 'toolu_x', name: RECORD_MEETING_OUTCOME, input: { summary: 'A steady month.' }, caller: { type: 'direct' } } as Anthropic.ContentBlock]
          : [{ type: 'text', text: `• Reviewed the pricing page plan${sheet?.doing[0] ? ` [${sheet.doing[0].ref}]` : ''}\n• Shipped twelve launches [task_0123456789abcdef]`, citations: null }];
      return { id: `msg_${m.calls}`, type: 'message', role: 'assistant', model: request.model, content, stop_reason: meeting.mode === 'closing' ? 'tool_use' : 'end_turn', stop_sequence: null, usage: { input_tokens: 1000, output_tokens: 100, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 } } as unknown as ModelResponse;
    },
  };
  return m;
}
