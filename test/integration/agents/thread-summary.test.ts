import type Anthropic from '@anthropic-ai/sdk';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { earlierView } from '../../../src/agents/thread-summary.js';
import { parseSummaryPrompt, SUMMARY_SYSTEM } from '../../../src/agents/thread-summary-prompt.js';
import type { TurnPrompt } from '../../../src/agents/turn-prompt.js';
import { loadDepartment } from '../../../src/department/load.js';
import type { Department } from '../../../src/department/schema.js';
import { costUsd } from '../../../src/llm/cost.js';
import type { ChatModel, ModelRequest, ModelResponse } from '../../../src/llm/model.js';
import { REHEARSAL_MODEL_ID } from '../../../src/llm/model.js';
import { RehearsalModel } from '../../../src/llm/rehearsal-model.js';
import { EXTRACTIVE_LABEL, extractiveSummary } from '../../../src/llm/rehearsal/extractive-summary.js';
import { latestThreadSummary } from '../../../src/store/thread-summary-store.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';
import { runtimeHarness } from '../../support/runtime-harness.js';
import { post, ScriptedModel } from '../../support/scripted-model.js';

/**
 * A long thread's older messages are read as a summary made by one haiku-tier call, stored, reused
 * by the next turns and extended every ten messages that fall out of the window.
 */
let t: TestDatabase;
let department: Department;
let harness: ReturnType<typeof runtimeHarness>;
beforeAll(async () => {
  t = await createTestDatabase();
  department = loadDepartment('manifests', 'prompts');
  harness = runtimeHarness(t, department);
});
afterAll(async () => {
  await t?.drop();
});

const USAGE = { input_tokens: 2000, output_tokens: 300, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 };
const promptOf = (r: ModelRequest) => {
  const c = r.messages[0]!.content;
  return typeof c === 'string' ? c : c.map((b) => (b.type === 'text' ? b.text : '')).join('\n');
};

/**
 * Agent turns from a script; summary prompts answered with the rehearsal's extractive text at the
 * requested model, billed like Claude (not a rehearsal model), so the recorded cost is checked.
 */
class SummarisingModel implements ChatModel {
  readonly rehearsal = false;
  readonly label = 'scripted test model that also summarises';
  readonly summaryRequests: ModelRequest[] = [];
  readonly turns: TurnPrompt[] = [];
  private readonly agent = new ScriptedModel((turn) => (this.turns.push(turn), post('noted')));
  constructor(private readonly summaryText?: (n: number) => string) {}

  async create(request: ModelRequest): Promise<ModelResponse> {
    const summary = parseSummaryPrompt(promptOf(request));
    if (!summary) return this.agent.create(request);
    this.summaryRequests.push(request);
    const text = this.summaryText?.(this.summaryRequests.length) ?? extractiveSummary(summary);
    return { id: `msg_sum_${this.summaryRequests.length}`, type: 'message', role: 'assistant', model: request.model, content: [{ type: 'text', text, citations: null } as Anthropic.TextBlock], stop_reason: 'end_turn', stop_sequence: null, usage: USAGE } as unknown as ModelResponse;
  }
}

let n = 0;
/** A thread of its own, and a way to add people's messages to it (addressed ones make deliveries). */
function longThread() {
  const root = `${1_820_000_000 + ++n}.000001`;
  let i = 0;
  const say = async (text: string, targets: string[] = []) => {
    const ts = i === 0 ? root : `${root.slice(0, 10)}.${String(++i + 1).padStart(6, '0')}`;
    if (i === 0) i = 1;
    const r = await t.store.ingestHumanMessage({ eventId: `EvSum${n}-${ts}`, eventType: 'message', channelId: 'C0SUM', threadTs: root, ts, slackUserId: 'U0HUMAN', text, targets });
    if (r.duplicate) throw new Error('duplicate');
    return r;
  };
  return { say };
}

const DECISION = 'We decided to launch on 12 March, recorded as dec_0a1b2c3d4e5f';
const TASK_ID = 'task_77aa88bb99cc';

/** The opening, a decision and a task id among the older messages, chatter to 59 messages. */
async function sixtyMessageThread(th: ReturnType<typeof longThread>) {
  await th.say('ORIGINAL REQUEST: plan the spring launch of the analytics add-on');
  for (let i = 1; i <= 58; i++) await th.say(i === 5 ? DECISION : i === 8 ? `The copy is with the copywriter as ${TASK_ID}` : `chatter ${i}`);
}

describe('thread summaries', () => {
  it('summarises the messages older than the last 40 once, reuses the summary, then extends it after ten more', async () => {
    const limit = department.file.limits.history_messages;
    expect(limit).toBe(40);
    const model = new SummarisingModel();
    const { runtime } = harness.setup(model);
    const th = longThread();
    await sixtyMessageThread(th);
    const first = await th.say('what is the launch date?', ['vp_marketing']); // the 60th message
    await runtime.handleDelivery(first.deliveryIds[0]!);

    // One haiku call, with the 19 messages before the window (the opening among them).
    expect(model.summaryRequests).toHaveLength(1);
    const ask = model.summaryRequests[0]!;
    expect(ask.model).toBe(department.file.models.haiku.id);
    expect(JSON.stringify(ask.system)).toContain(SUMMARY_SYSTEM);
    const asked = parseSummaryPrompt(promptOf(ask))!;
    expect(asked.previous).toBeNull();
    expect(asked.messages.map((m) => m.text)).toEqual(['ORIGINAL REQUEST: plan the spring launch of the analytics add-on', ...Array.from({ length: 18 }, (_, i) => (i + 1 === 5 ? DECISION : i + 1 === 8 ? `The copy is with the copywriter as ${TASK_ID}` : `chatter ${i + 1}`))]);

    // The turn reads: the opening, the summary of the 19 earlier messages, the last 40.
    const turn1 = model.turns[0]!;
    expect(turn1.history).toHaveLength(2 + limit);
    expect(turn1.history[0]!.text).toBe('ORIGINAL REQUEST: plan the spring launch of the analytics add-on');
    expect(turn1.history[1]).toMatchObject({ from: 'department', fromName: 'Summary of the 19 earlier messages', type: 'system' });
    expect(turn1.history[1]!.text).toContain(DECISION);
    expect(turn1.history[1]!.text).toContain(TASK_ID);
    expect(turn1.history.slice(2).map((e) => e.text)).toEqual(Array.from({ length: limit }, (_, i) => `chatter ${19 + i}`));
    expect(turn1.incoming.text).toBe('what is the launch date?');

    // Stored with its coverage, and the call recorded at the haiku model with its cost, for the agent that needed it.
    const stored = (await latestThreadSummary(t.store.db, first.conversationId))!;
    expect(stored).toMatchObject({ messageCount: 19, model: department.file.models.haiku.id });
    expect(stored.text).toBe(turn1.history[1]!.text);
    const calls = await t.store.db.query.llmCalls.findMany({ where: (c, { and, eq, isNull }) => and(eq(c.conversationId, first.conversationId), isNull(c.deliveryId)) });
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ agentId: 'vp_marketing', model: department.file.models.haiku.id, rehearsal: false, inputTokens: 2000, outputTokens: 300 });
    expect(calls[0]!.costUsd).toBeCloseTo(costUsd(USAGE, department.file.models.haiku), 6);
    expect(calls[0]!.costUsd).toBeGreaterThan(0);
    // It counts toward the thread's spend limit too.
    expect((await t.store.getConversation(first.conversationId))!.spendUsd).toBeGreaterThanOrEqual(calls[0]!.costUsd);

    // The next turn (two messages later: the answer and a new question) reuses it: no second call,
    // and its history starts with the first turn's, so the prompt cache still holds the prefix.
    const second = await th.say('and the budget?', ['vp_marketing']);
    await runtime.handleDelivery(second.deliveryIds[0]!);
    expect(model.summaryRequests).toHaveLength(1);
    const turn2 = model.turns[1]!;
    expect(turn2.history[1]!.fromName).toBe('Summary of the 19 earlier messages');
    expect(turn2.history.slice(0, turn1.history.length)).toEqual(turn1.history);
    // The two messages that fell out of the window since (below ten) stay in view as written.
    expect(turn2.history).toHaveLength(2 + 2 + limit);

    // Ten more messages: the summary is extended from the previous one with only the newly fallen-out messages.
    for (let i = 1; i <= 10; i++) await th.say(`later chatter ${i}`);
    const third = await th.say('status?', ['vp_marketing']);
    await runtime.handleDelivery(third.deliveryIds[0]!);
    expect(model.summaryRequests).toHaveLength(2);
    const extended = parseSummaryPrompt(promptOf(model.summaryRequests[1]!))!;
    expect(extended.previous).toBe(stored.text);
    expect(extended.messages[0]!.text).toBe('chatter 19'); // the first message after the first summary
    expect(extended.messages.map((m) => m.text)).not.toContain('chatter 18');
    const latest = (await latestThreadSummary(t.store.db, first.conversationId))!;
    expect(latest.throughSeq).toBeGreaterThan(stored.throughSeq);
    expect(latest.messageCount).toBe(19 + extended.messages.length);
    expect(latest.text).toContain(DECISION); // carried over from the previous summary
    const turn3 = model.turns[2]!;
    expect(turn3.history[1]!.fromName).toBe(`Summary of the ${latest.messageCount} earlier messages`);
    expect(turn3.history).toHaveLength(2 + limit);
  });

  it('offline, the rehearsal model summarises by quoting: the decision line and the ids of the older messages, labelled, at no cost', async () => {
    const { runtime } = harness.setup(new RehearsalModel(department));
    const th = longThread();
    await sixtyMessageThread(th);
    const last = await th.say('what is the launch date?', ['vp_marketing']);
    await runtime.handleDelivery(last.deliveryIds[0]!);
    const stored = (await latestThreadSummary(t.store.db, last.conversationId))!;
    expect(stored).toMatchObject({ messageCount: 19, model: REHEARSAL_MODEL_ID });
    expect(stored.text).toContain(EXTRACTIVE_LABEL);
    expect(stored.text).toContain(`- <@U0HUMAN>: ${DECISION}`);
    expect(stored.text).toContain(TASK_ID);
    expect(stored.text).toContain('Opening request — <@U0HUMAN>: ORIGINAL REQUEST: plan the spring launch');
    const calls = await t.store.db.query.llmCalls.findMany({ where: (c, { and, eq, isNull }) => and(eq(c.conversationId, last.conversationId), isNull(c.deliveryId)) });
    expect(calls).toMatchObject([{ agentId: 'vp_marketing', model: REHEARSAL_MODEL_ID, rehearsal: true, costUsd: 0 }]);
  });

  it('two turns summarising the same messages at once store one summary, and both read it', async () => {
    const texts = ['first writer', 'second writer'];
    const model = new SummarisingModel((k) => texts[k - 1]!);
    const th = longThread();
    await sixtyMessageThread(th);
    const last = await th.say('and now?', ['vp_marketing']);
    const [{ seq }] = (await t.query<{ seq: string }>(`select seq from messages where conversation_id = '${last.conversationId}' order by seq desc offset 40 limit 1`)).rows as [{ seq: string }];
    const deps = { db: t.store.db, model, department };
    const log = pino({ level: 'silent' });
    const views = await Promise.all(['vp_marketing', 'content_manager'].map((agentId) => earlierView(deps, { conversationId: last.conversationId, windowStart: Number(seq) + 1, agentId }, log)));
    expect(views[0]!.summary!.text).toBe(views[1]!.summary!.text);
    const rows = await t.query(`select text from thread_summaries where conversation_id = '${last.conversationId}'`);
    expect(rows.rows).toHaveLength(1);
    expect(rows.rows[0]!.text).toBe(views[0]!.summary!.text);
  });
});
