import type Anthropic from '@anthropic-ai/sdk';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startQuietThreadSummaries, summariseQuietThreads } from '../../../src/agents/quiet-threads.js';
import { parseSummaryPrompt, type SummaryPrompt } from '../../../src/agents/thread-summary-prompt.js';
import { loadDepartment } from '../../../src/department/load.js';
import type { Department } from '../../../src/department/schema.js';
import { KnowledgeBase } from '../../../src/knowledge/knowledge-base.js';
import { PostgresKnowledgeIndex } from '../../../src/knowledge/postgres-knowledge.js';
import { costUsd } from '../../../src/llm/cost.js';
import type { ChatModel, ModelRequest, ModelResponse } from '../../../src/llm/model.js';
import { REHEARSAL_MODEL_ID } from '../../../src/llm/model.js';
import { RehearsalModel } from '../../../src/llm/rehearsal-model.js';
import { EXTRACTIVE_LABEL, extractiveSummary } from '../../../src/llm/rehearsal/extractive-summary.js';
import { messages } from '../../../src/store/schema.js';
import { latestThreadSummary } from '../../../src/store/thread-summary-store.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';

/**
 * A thread that went quiet (30 minutes without a message) is summarised whole, once, by the long
 * threads' summariser, and the knowledge base remembers the summary; again when it resumes and goes
 * quiet again. Threads still going, and a person's lone question, are left alone.
 */
let t: TestDatabase;
let department: Department;
const log = pino({ level: 'silent' });
beforeAll(async () => {
  t = await createTestDatabase();
  department = loadDepartment('manifests', 'prompts');
});
afterAll(async () => {
  await t?.drop();
});

const USAGE = { input_tokens: 1200, output_tokens: 200, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 };
const promptOf = (r: ModelRequest) => {
  const c = r.messages[0]!.content;
  return typeof c === 'string' ? c : c.map((b) => (b.type === 'text' ? b.text : '')).join('\n');
};

/** Answers summary prompts with the rehearsal's extractive text, billed like Claude; `delayMs` holds each answer. */
class SummaryModel implements ChatModel {
  readonly rehearsal = false;
  readonly label = 'recording summary model';
  readonly asked: SummaryPrompt[] = [];
  constructor(private readonly delayMs = 0) {}
  async create(request: ModelRequest): Promise<ModelResponse> {
    const summary = parseSummaryPrompt(promptOf(request));
    if (!summary) throw new Error('only summary prompts expected');
    this.asked.push(summary);
    if (this.delayMs) await new Promise((r) => setTimeout(r, this.delayMs));
    const text = extractiveSummary(summary);
    return { id: `msg_q_${this.asked.length}`, type: 'message', role: 'assistant', model: request.model, content: [{ type: 'text', text, citations: null } as Anthropic.TextBlock], stop_reason: 'end_turn', stop_sequence: null, usage: USAGE } as unknown as ModelResponse;
  }
}

let n = 0;
/** A thread of its own: people's messages ingested as Slack sends them, agents' written as turns write them. */
function thread() {
  const root = `${1_830_000_000 + ++n}.000001`;
  let i = 0;
  const nextTs = () => `${root.slice(0, 10)}.${String(++i).padStart(6, '0')}`; // the first is the root
  let conversationId = '';
  const human = async (text: string) => {
    const ts = nextTs();
    const r = await t.store.ingestHumanMessage({ eventId: `EvQuiet${n}-${ts}`, eventType: 'message', channelId: 'C0QUIET', threadTs: root, ts, slackUserId: 'U0HUMAN', text, targets: [] });
    if (r.duplicate) throw new Error('duplicate');
    conversationId = r.conversationId;
  };
  const agent = async (authorId: string, text: string) => {
    const ts = nextTs();
    await t.store.db.insert(messages).values({ id: `msg_q${n}_${i}`, conversationId, channelId: 'C0QUIET', ts, authorKind: 'agent', authorId, type: 'reply', text });
  };
  /** Its messages so far were written `minutes` ago. */
  const age = (minutes: number) => t.query(`update messages set created_at = now() - interval '${minutes} minutes' where conversation_id = '${conversationId}'`);
  const lastSeq = async () => Number((await t.query<{ s: string }>(`select max(seq) as s from messages where conversation_id = '${conversationId}'`)).rows[0]!.s);
  return { human, agent, age, lastSeq, root, get id() { return conversationId; } };
}

async function quietDiscussion() {
  const th = thread();
  await th.human('Can we move the webinar to 14 May? ORIGINAL ASK');
  await th.agent('campaign_manager', 'Moved: the webinar is on 14 May, recorded as dec_9f8e7d6c5b4a');
  await th.human('thanks, and the invite copy?');
  await th.agent('copywriter', 'Drafted the invite as task_1122aabbccdd');
  await th.age(45);
  return th;
}

const deps = (model: ChatModel) => ({ db: t.store.db, model, department });
const summaryRows = (id: string) => t.query<{ through_seq: string; message_count: number; text: string }>(`select through_seq, message_count, text from thread_summaries where conversation_id = '${id}' order by through_seq`);
const calls = (id: string) => t.store.db.query.llmCalls.findMany({ where: (c, { eq }) => eq(c.conversationId, id) });

describe('summaries of quiet threads', () => {
  it('summarises a quiet thread whole, once, charged to its latest agent, and the knowledge base remembers it with its link', async () => {
    const model = new SummaryModel();
    const th = await quietDiscussion();
    expect(await summariseQuietThreads(deps(model), { limit: 50 }, log)).toBeGreaterThanOrEqual(1);
    const mine = model.asked.filter((p) => p.messages.some((m) => m.text.includes('ORIGINAL ASK')));
    expect(mine).toHaveLength(1);
    expect(mine[0]!.previous).toBeNull();
    expect(mine[0]!.messages.map((m) => m.from)).toEqual(['human:U0HUMAN', 'campaign_manager', 'human:U0HUMAN', 'copywriter']);

    const stored = (await latestThreadSummary(t.store.db, th.id))!;
    expect(stored).toMatchObject({ throughSeq: await th.lastSeq(), messageCount: 4, model: department.file.models.haiku.id });
    expect(stored.text).toContain('dec_9f8e7d6c5b4a');
    expect(stored.text).toContain('task_1122aabbccdd');

    // Recorded for the copywriter (the latest agent) at its cost; the thread's own spend is untouched.
    const recorded = await calls(th.id);
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toMatchObject({ agentId: 'copywriter', deliveryId: null, model: department.file.models.haiku.id, rehearsal: false, inputTokens: 1200, outputTokens: 200 });
    expect(recorded[0]!.costUsd).toBeCloseTo(costUsd(USAGE, department.file.models.haiku), 6);
    expect((await t.store.getConversation(th.id))!.spendUsd).toBe(0);

    // A second sweep finds nothing to do.
    const before = model.asked.length;
    expect(await summariseQuietThreads(deps(model), { limit: 50 }, log)).toBe(0);
    expect(model.asked).toHaveLength(before);
    expect(await calls(th.id)).toHaveLength(1);

    // The knowledge base's sync turns it into the thread's summary record.
    const records = new PostgresKnowledgeIndex(t.store.db);
    const permalink = (channelId: string | null, ts: string | null) => (channelId && ts ? `https://acme.slack.com/archives/${channelId}/p${ts.replace('.', '')}` : null);
    const kb = new KnowledgeBase({ records, index: records, db: t.store.db, department, departmentDir: 'manifests', logger: log, permalink });
    await kb.sync();
    expect(await kb.get(`thread_summary:${th.id}`)).toMatchObject({
      type: 'thread_summary', conversationId: th.id, text: stored.text, permalink: `https://acme.slack.com/archives/C0QUIET/p${th.root.replace('.', '')}`,
    });
  });

  it('leaves alone a thread still going, a lone question, and a thread no agent took part in', async () => {
    const model = new SummaryModel();
    const going = thread();
    await going.human('what is our Q3 budget?');
    await going.agent('vp_marketing', 'Checking with finance.');
    await going.age(45);
    await going.human('any news?'); // five minutes ago, say: not quiet yet
    const lone = thread();
    await lone.human('is anyone there?');
    await lone.age(120);
    const people = thread();
    for (const text of ['a', 'b', 'c']) await people.human(`people only ${text}`);
    await people.age(120);

    await summariseQuietThreads(deps(model), { limit: 50 }, log);
    for (const th of [going, lone, people]) {
      expect(await latestThreadSummary(t.store.db, th.id)).toBeNull();
      expect(await calls(th.id)).toHaveLength(0);
    }
    // With a shorter quiet period, the thread that is going counts as quiet.
    await summariseQuietThreads(deps(model), { limit: 50, quietAfterMs: 0 }, log);
    expect(await latestThreadSummary(t.store.db, going.id)).toMatchObject({ throughSeq: await going.lastSeq(), messageCount: 3 });
  });

  it('summarises a thread again when it resumes and goes quiet again, from its previous summary through the new last message', async () => {
    const model = new SummaryModel();
    const th = await quietDiscussion();
    await summariseQuietThreads(deps(model), { limit: 50 }, log);
    const first = (await latestThreadSummary(t.store.db, th.id))!;

    await th.human('One more thing: the webinar needs a landing page NEW ASK');
    await th.agent('designer', 'Landing page mock is in task_3344ccddeeff');
    await summariseQuietThreads(deps(model), { limit: 50 }, log); // going again: left alone
    expect((await latestThreadSummary(t.store.db, th.id))!.throughSeq).toBe(first.throughSeq);

    await th.age(40);
    const asked = model.asked.length;
    await summariseQuietThreads(deps(model), { limit: 50 }, log);
    const again = model.asked.slice(asked).find((p) => p.messages.some((m) => m.text.includes('NEW ASK')))!;
    expect(again.previous).toBe(first.text);
    expect(again.messages.map((m) => m.from)).toEqual(['human:U0HUMAN', 'designer']);
    const latest = (await latestThreadSummary(t.store.db, th.id))!;
    expect(latest).toMatchObject({ throughSeq: await th.lastSeq(), messageCount: 6 });
    expect(latest.text).toContain('task_3344ccddeeff');
    expect(await calls(th.id)).toMatchObject([{ agentId: 'copywriter' }, { agentId: 'designer' }]);
    expect((await summaryRows(th.id)).rows).toHaveLength(2);
  });

  it('two sweeps at once summarise a thread once', async () => {
    const model = new SummaryModel(300);
    const th = await quietDiscussion();
    const stored = await Promise.all([summariseQuietThreads(deps(model), { limit: 50 }, log), summariseQuietThreads(deps(model), { limit: 50 }, log)]);
    // One sweep held the lock and did the work; the other stood aside.
    expect(stored.filter((n) => n > 0)).toHaveLength(1);
    expect(model.asked.filter((p) => p.messages.some((m) => m.text.includes('ORIGINAL ASK')))).toHaveLength(1);
    expect(await calls(th.id)).toHaveLength(1);
    expect((await summaryRows(th.id)).rows).toHaveLength(1);
  });

  it('works off a backlog a few threads per sweep', async () => {
    const model = new SummaryModel();
    const threads = [await quietDiscussion(), await quietDiscussion(), await quietDiscussion()];
    expect(await summariseQuietThreads(deps(model), { limit: 2 }, log)).toBe(2);
    expect(await summariseQuietThreads(deps(model), { limit: 2 }, log)).toBe(1);
    for (const th of threads) expect(await latestThreadSummary(t.store.db, th.id)).not.toBeNull();
  });

  it('sweeps in the background from start, offline with the rehearsal model (quoted, labelled, free), and a failing model is logged, not thrown', async () => {
    const th = await quietDiscussion();
    const sweep = startQuietThreadSummaries({ db: t.store.db, model: new RehearsalModel(department), department, logger: log, everyMs: 50 });
    try {
      await vi.waitFor(async () => expect(await latestThreadSummary(t.store.db, th.id)).not.toBeNull(), { timeout: 5000 });
    } finally {
      sweep.stop();
    }
    const stored = (await latestThreadSummary(t.store.db, th.id))!;
    expect(stored).toMatchObject({ model: REHEARSAL_MODEL_ID, messageCount: 4 });
    expect(stored.text).toContain(EXTRACTIVE_LABEL);
    expect(await calls(th.id)).toMatchObject([{ agentId: 'copywriter', rehearsal: true, costUsd: 0 }]);

    const broken = await quietDiscussion();
    const warn = vi.fn();
    const logger = { ...log, child: () => ({ warn, debug: () => {} }) } as unknown as typeof log;
    const failing: ChatModel = { rehearsal: false, label: 'failing', create: () => Promise.reject(new Error('overloaded')) };
    const again = startQuietThreadSummaries({ db: t.store.db, model: failing, department, logger, everyMs: 50 });
    try {
      await vi.waitFor(() => expect(warn).toHaveBeenCalledWith(expect.objectContaining({ conversation: broken.id }), expect.stringContaining('quiet thread summary failed')), { timeout: 5000 });
    } finally {
      again.stop();
    }
    expect(await latestThreadSummary(t.store.db, broken.id)).toBeNull();
  });
});
