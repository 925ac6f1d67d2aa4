import { OPEN_BUDGET } from '../../support/department-fixture.js';
import type Anthropic from '@anthropic-ai/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDepartment } from '../../../src/department/load.js';
import type { Department } from '../../../src/department/schema.js';
import type { ChatModel, ModelResponse } from '../../../src/llm/model.js';
import { ModelError } from '../../../src/llm/model-error.js';
import { RehearsalModel } from '../../../src/llm/rehearsal-model.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';
import { runtimeHarness } from '../../support/runtime-harness.js';
import { post, toolUse, type ScriptedModel } from '../../support/scripted-model.js';

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

const thinking = (text: string) => ({ type: 'thinking', thinking: text, signature: `sig-${text.length}` }) as unknown as Anthropic.ContentBlock;
const text = (s: string) => ({ type: 'text', text: s, citations: null }) as Anthropic.ContentBlock;
const deliveryRow = (id: string) => t.store.db.query.deliveries.findFirst({ where: (d, { eq }) => eq(d.id, id) });

describe('Claude 5.5 turns', () => {
  it('a post-only turn makes one model call and never forces tool use', async () => {
    const { runtime, model } = harness.setup(() => post('On it.'));
    const r = await harness.ask(['cmo']);
    await runtime.handleDelivery(r.deliveryIds[0]!);
    const requests = (model as ScriptedModel).requests;
    expect(requests).toHaveLength(1);
    expect(requests[0]!.tool_choice).toBeUndefined(); // any/tool is an error on Opus 5.5
    expect(requests[0]!.max_tokens).toBe(department.file.models[department.byId.get('cmo')!.model_tier].max_output_tokens);
  });

  it('a step that posts and searches ends the turn with its one post: the model is not asked again (it would post again)', async () => {
    const requests: unknown[] = [];
    const model: ChatModel = {
      rehearsal: false,
      label: 'posts and searches every step',
      create: async (request) => {
        requests.push(request);
        const content = [...post(`Tuesdays, at 10:00 (${requests.length}).`), toolUse('search_knowledge', { query: 'newsletter send day' })];
        return { id: `msg_${requests.length}`, type: 'message', role: 'assistant', model: request.model, content, stop_reason: 'tool_use', stop_sequence: null, stop_details: null, usage: { input_tokens: 1000, output_tokens: 100, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 } } as unknown as ModelResponse;
      },
    };
    const { runtime, poster } = harness.setup(model);
    const r = await harness.ask(['cmo']);
    await runtime.handleDelivery(r.deliveryIds[0]!);
    expect(requests).toHaveLength(1);
    expect(poster.posts.map((p) => p.text)).toEqual(['Tuesdays, at 10:00 (1).']);
  });

  it('a workflow wake that fails after the turn is logged, not thrown from handleDelivery', async () => {
    const woken: string[] = [];
    // An agent that left the department (after the runtime started): its delivery is skipped, and the thread's workflow woken.
    const without = { ...department, byId: new Map(department.byId) } as Department;
    const { runtime } = runtimeHarness(t, without).setup(() => post('Done.'), {
      afterTurn: async (conversationId) => {
        woken.push(conversationId);
        throw new Error('database away');
      },
    });
    without.byId.delete('cmo');
    const r = await harness.ask(['cmo']);
    await expect(runtime.handleDelivery(r.deliveryIds[0]!)).resolves.toBeUndefined();
    expect(woken).toEqual([r.conversationId]);
  });

  it('passes thinking blocks back unchanged within a turn', async () => {
    // Thinking, then a task for someone outside the chain of command: refused, so the model is asked again.
    const { runtime, model, poster } = harness.setup(() => [
      thinking('Who should write this?'),
      toolUse('post_message', { text: 'Write it', mentions: ['cmo'], type: 'task_assignment' }),
    ]);
    const r = await harness.ask(['copywriter']);
    await runtime.handleDelivery(r.deliveryIds[0]!);
    const second = (model as ScriptedModel).requests[1]!;
    const assistant = second.messages.find((m) => m.role === 'assistant')!;
    expect((assistant.content as Anthropic.ContentBlockParam[])[0]).toEqual({ type: 'thinking', thinking: 'Who should write this?', signature: 'sig-22' });
    expect(JSON.stringify(second.messages.at(-1))).toContain('only to your reports');
    expect(poster.posts).toEqual([]);
  });

  it('asks once more with twice the room when an answer is cut at max_tokens', async () => {
    const { runtime, model, poster } = harness.setup((_turn, req) =>
      req.max_tokens < 20_000 ? { content: [thinking('long'), text('The first half of the po')], stop_reason: 'max_tokens' } : post('The whole post.'),
    );
    const r = await harness.ask(['copywriter']);
    await runtime.handleDelivery(r.deliveryIds[0]!);
    const requests = (model as ScriptedModel).requests;
    expect(requests.map((q) => q.max_tokens)).toEqual([16000, 32000]); // copywriter's tier allows 16000
    // The cut answer is not carried into the second request.
    expect(requests[1]!.messages).toHaveLength(1);
    expect(poster.posts.map((p) => p.text)).toEqual(['The whole post.']);
    const calls = await t.store.db.query.llmCalls.findMany({ where: (c, { eq }) => eq(c.deliveryId, r.deliveryIds[0]!) });
    expect(calls).toHaveLength(2); // both calls are paid for, so both are recorded
  });

  it('reports an answer cut twice in the thread, not as a decline, and gives the turn back', async () => {
    const { runtime, poster } = harness.setup(() => ({ content: [text('Still going')], stop_reason: 'max_tokens' }));
    const r = await harness.ask(['copywriter']);
    await runtime.handleDelivery(r.deliveryIds[0]!);
    expect(poster.posts).toHaveLength(0);
    const tier = department.byId.get('copywriter')!.model_tier;
    const limit = department.file.models[tier].max_output_tokens * 2;
    expect(poster.notices[0]!.text).toContain(`ran past its output limit (${limit} tokens`);
    expect(poster.notices[0]!.text).toContain(`raise models.${tier}.max_output_tokens`);
    expect((await deliveryRow(r.deliveryIds[0]!))?.outcome).toBe('stopped: max_tokens');
    expect((await t.store.getConversation(r.conversationId))?.agentTurnsSinceHuman).toBe(0);
  });

  it('reports a refusal with its category', async () => {
    const { runtime, poster } = harness.setup(() => ({
      content: [],
      stop_reason: 'refusal',
      stop_details: { type: 'refusal', category: 'cyber', explanation: null },
    }));
    const r = await harness.ask(['copywriter'], 'Write malware');
    await runtime.handleDelivery(r.deliveryIds[0]!);
    expect(poster.notices[0]!.text).toContain('Claude declined the request (policy category: cyber)');
    expect((await deliveryRow(r.deliveryIds[0]!))?.outcome).toBe('stopped: refusal');
  });

  it('continues a paused turn by sending the paused answer back as it is', async () => {
    let calls = 0;
    const { runtime, model, poster } = harness.setup(() => (++calls === 1 ? { content: [thinking('searching'), text('Looking into it')], stop_reason: 'pause_turn' } : post('Found it.')));
    const r = await harness.ask(['market_research']);
    await runtime.handleDelivery(r.deliveryIds[0]!);
    const second = (model as ScriptedModel).requests[1]!;
    expect(second.messages.at(-1)).toMatchObject({ role: 'assistant', content: [{ type: 'thinking', thinking: 'searching' }, { type: 'text', text: 'Looking into it' }] });
    expect(poster.posts.map((p) => p.text)).toEqual(['Found it.']);
  });

  it('reports a turn still paused at the step limit', async () => {
    const { runtime, model, poster } = harness.setup(() => ({ content: [text('Still searching')], stop_reason: 'pause_turn' }));
    const r = await harness.ask(['market_research']);
    await runtime.handleDelivery(r.deliveryIds[0]!);
    expect((model as ScriptedModel).requests).toHaveLength(department.file.limits.agent_steps);
    expect(poster.posts).toHaveLength(0);
    expect(poster.notices[0]!.text).toContain('kept pausing');
    expect((await deliveryRow(r.deliveryIds[0]!))?.outcome).toBe('stopped: paused');
  });

  it('reports a thread too long for the context window', async () => {
    const { runtime, poster } = harness.setup(() => ({ content: [], stop_reason: 'model_context_window_exceeded' }));
    const r = await harness.ask(['cmo']);
    await runtime.handleDelivery(r.deliveryIds[0]!);
    expect(poster.notices[0]!.text).toContain('Start a new thread');
  });

  it('does not retry before the retry-after the API asked for', async () => {
    const busy: ChatModel = {
      rehearsal: false,
      label: 'rate limited',
      create: async () => {
        throw new ModelError("Anthropic's rate limit was reached (429)", { retryable: true, fault: 'operator', status: 429, retryAfterMs: 30_000 });
      },
    };
    const { runtime } = harness.setup(busy);
    const r = await harness.ask(['cmo']);
    await expect(runtime.handleDelivery(r.deliveryIds[0]!)).rejects.toThrow('429');
    const row = await deliveryRow(r.deliveryIds[0]!);
    expect(row?.status).toBe('pending');
    expect(row!.notBefore!.getTime() - Date.now()).toBeGreaterThan(25_000);
    expect(await t.store.claimDelivery(r.deliveryIds[0]!, 60_000, OPEN_BUDGET)).toBeNull(); // not due yet
    expect(await t.store.takeStaleDeliveries(0, 60_000)).not.toContain(r.deliveryIds[0]);
    // The turn it took stays with it for the retry.
    expect(await t.store.db.query.turnReservations.findFirst({ where: (r, { eq }) => eq(r.deliveryId, row!.id) })).toBeTruthy();
  });

  it('holds the thread budget when a fan-out to 13 agents runs at once', async () => {
    const fanned = department.agents.filter((a) => a.id !== 'vp_marketing').map((a) => a.id);
    expect(fanned).toHaveLength(13);
    const { runtime, poster } = harness.setup(() => post('Done.'));
    // Twelve turns already taken would leave none; here eleven are, so exactly one of 13 may run.
    const r = await harness.ask(fanned);
    await t.store.db.execute(`update conversations set agent_turns_since_human = 11 where id = '${r.conversationId}'` as never);
    await Promise.all(r.deliveryIds.map((id) => runtime.handleDelivery(id)));
    expect(poster.posts).toHaveLength(1);
    expect(poster.notices).toHaveLength(1); // the budget notice, once
    expect((await t.store.getConversation(r.conversationId))?.agentTurnsSinceHuman).toBe(12);
  });

  it('records rehearsal turns at $0 and keeps them out of every budget', async () => {
    const { runtime } = harness.setup(new RehearsalModel(department));
    const before = (await t.store.spendTodayByAgent(department.file.timezone)).get('cmo') ?? 0;
    const r = await harness.ask(['cmo'], 'Plan the launch');
    await runtime.handleDelivery(r.deliveryIds[0]!);
    const calls = await t.store.db.query.llmCalls.findMany({ where: (c, { eq }) => eq(c.deliveryId, r.deliveryIds[0]!) });
    expect(calls.length).toBeGreaterThan(0);
    expect(calls.every((c) => c.costUsd === 0 && c.rehearsal)).toBe(true);
    expect((await t.store.getConversation(r.conversationId))?.spendUsd).toBe(0);
    expect((await t.store.spendTodayByAgent(department.file.timezone)).get('cmo') ?? 0).toBe(before);
    expect((await t.store.getConversation(r.conversationId))?.agentTurnsSinceHuman).toBe(1); // a turn is still a turn
  });
});
