import { OPEN_BUDGET } from '../../support/department-fixture.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_ATTEMPTS } from '../../../src/agents/runtime.js';
import { loadDepartment } from '../../../src/department/load.js';
import type { Department } from '../../../src/department/schema.js';
import type { ChatModel } from '../../../src/llm/model.js';
import { ModelError } from '../../../src/llm/model-error.js';
import { RehearsalModel } from '../../../src/llm/rehearsal-model.js';
import { SlackPostError, explainPostFailure } from '../../../src/slack/post-error.js';
import { Store } from '../../../src/store/store.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';
import { RecordingPoster } from '../../support/recording-poster.js';
import { runtimeHarness } from '../../support/runtime-harness.js';
import { ScriptedModel, post, toolUse } from '../../support/scripted-model.js';

let t: TestDatabase;
let department: Department;
let setup: ReturnType<typeof runtimeHarness>['setup'];
let ask: ReturnType<typeof runtimeHarness>['ask'];
let thread = 100;
beforeAll(async () => {
  t = await createTestDatabase();
  department = loadDepartment('manifests', 'prompts');
  ({ setup, ask } = runtimeHarness(t, department));
});
afterAll(async () => {
  await t?.drop();
});

describe('agent runtime', () => {
  it('answers a human in the thread as the addressed agent and records the call and its cost', async () => {
    const { bus, poster, runtime, model } = setup((turn) => post(`Hi from ${turn.agentId}`));
    const r = await ask(['seo_specialist']);
    await runtime.handleDelivery(r.deliveryIds[0]!);
    expect(poster.posts).toHaveLength(1);
    expect(poster.posts[0]).toMatchObject({ agentId: 'seo_specialist', channelId: 'C0CONTENT', text: 'Hi from seo_specialist', mentions: [] });
    expect(poster.posts[0]!.protocol).toMatchObject({ from: 'seo_specialist', type: 'reply', context: { related_messages: [r.messageId] } });
    expect(bus.published).toEqual([]);
    // The request used the agent's tier model and cached its static system prompt.
    const req = (model as ScriptedModel).requests[0]!;
    expect(req.model).toBe(department.file.models.sonnet.id);
    expect(JSON.stringify(req.system)).toContain('ephemeral');
    const conv = await t.store.getConversation(r.conversationId);
    // One call: the turn ends with its post, with no second call only to read end_turn.
    expect((model as ScriptedModel).requests).toHaveLength(1);
    const [call] = await t.store.db.query.llmCalls.findMany({ where: (c, { eq }) => eq(c.deliveryId, r.deliveryIds[0]!) });
    expect(conv?.spendUsd).toBeCloseTo(call!.costUsd, 6);
    expect(call!.costUsd).toBeGreaterThan(0);
    expect(conv?.agentTurns).toBe(1);
  });

  it('delivers to mentioned agents only after the mention is posted, never to the author itself', async () => {
    const { bus, poster, runtime } = setup((turn) =>
      turn.agentId === 'content_manager'
        ? post('Copywriter, SEO: over to you', ['copywriter', 'seo_specialist', 'content_manager'], 'task_assignment')
        : toolUseDecline(),
    );
    const r = await ask(['content_manager'], 'We need a blog post');
    await runtime.handleDelivery(r.deliveryIds[0]!);
    expect(poster.posts[0]!.mentions).toEqual(['copywriter', 'seo_specialist']);
    const published = bus.drain();
    expect(published).toHaveLength(2);
    for (const id of published) await runtime.handleDelivery(id);
    expect(poster.posts).toHaveLength(1); // both specialists declined
  });

  it('stops an agent-to-agent chain at the thread budget and says so once', async () => {
    const budget = department.file.budgets.thread_agent_turns;
    const { poster, runtime, settle } = setup((turn) =>
      post('Back to you', [turn.agentId === 'copywriter' ? 'seo_specialist' : 'copywriter']),
    );
    const r = await ask(['copywriter']);
    await runtime.handleDelivery(r.deliveryIds[0]!);
    await settle();
    expect(poster.posts).toHaveLength(budget);
    expect(poster.notices).toHaveLength(1);
    expect(poster.notices[0]!.text).toContain(`${budget} agent turns`);
  });

  it('stores and posts a model answer holding a NUL or a lone surrogate, replaced', async () => {
    const { poster, runtime } = setup(() => post('odd \u0000 bytes \uD800 here'));
    const r = await ask(['cmo']);
    await runtime.handleDelivery(r.deliveryIds[0]!);
    expect(poster.posts.map((p) => p.text)).toEqual(['odd \uFFFD bytes \uFFFD here']);
    const [msg] = await t.store.messagesFromDelivery(r.deliveryIds[0]!);
    expect(msg?.protocol?.content.body).toBe('odd \uFFFD bytes \uFFFD here');
  });

  it('lets an agent decline without posting', async () => {
    const { poster, runtime } = setup(() => toolUseDecline());
    const r = await ask(['cmo'], 'thanks!');
    await runtime.handleDelivery(r.deliveryIds[0]!);
    expect(poster.posts).toEqual([]);
  });

  it('rejects a task assignment outside the chain of command and lets the model correct it', async () => {
    const { poster, runtime, model } = setup((turn, req) =>
      req.messages.length === 1 ? post('Do this', ['cmo'], 'task_assignment') : 'end',
    );
    const r = await ask(['copywriter']);
    await runtime.handleDelivery(r.deliveryIds[0]!);
    expect(poster.posts).toEqual([]);
    const toolResult = JSON.stringify((model as ScriptedModel).requests[1]!.messages.at(-1));
    expect(toolResult).toContain('only to your reports');
  });

  it('bounds a turn by the step limit when the model keeps making refused tool calls', async () => {
    const limit = department.file.limits.agent_steps;
    const looping: ChatModel = new (class extends ScriptedModel {
      constructor() {
        super(() => 'end');
      }
      override async create(request: Parameters<ChatModel['create']>[0]) {
        const res = await super.create(request);
        return { ...res, content: [toolUse('no_such_tool', {})], stop_reason: 'tool_use' } as typeof res;
      }
    })();
    const { runtime } = setup(looping);
    const r = await ask(['designer']);
    await runtime.handleDelivery(r.deliveryIds[0]!);
    expect((looping as ScriptedModel).requests).toHaveLength(limit);
  });

  it('reports a lasting Slack failure in the thread with its cause, fails the delivery and never runs the held mentions', async () => {
    const { bus, poster, runtime } = setup(() => post('hello', ['copywriter']));
    poster.failWith = new SlackPostError('channel_not_found', 'Slack cannot find #marketing-content: invite @Marketing Dept to it.', 'C0CONTENT');
    const r = await ask(['content_manager']);
    await runtime.handleDelivery(r.deliveryIds[0]!);
    expect(poster.notices).toHaveLength(1);
    expect(poster.notices[0]!.text).toContain('could not post its answer here: Slack cannot find #marketing-content');
    expect(bus.published).toEqual([]);
    expect(await t.store.claimDelivery(r.deliveryIds[0]!, 0, OPEN_BUDGET)).toBeNull(); // failed, final
  });

  it('hands a rate-limited post back to the bus and posts it once on the next attempt, with no notice', async () => {
    const { bus, poster, runtime, model } = setup(() => post('hello', ['copywriter']));
    poster.failNext = { error: new SlackPostError('ratelimited', 'rate limited', 'C0CONTENT'), times: 1 };
    const r = await ask(['content_manager']);
    await expect(runtime.handleDelivery(r.deliveryIds[0]!)).rejects.toThrow();
    expect(poster.posts).toHaveLength(0);
    const modelCalls = (model as ScriptedModel).requests.length;
    await runtime.handleDelivery(r.deliveryIds[0]!); // the bus's retry
    expect(poster.posts.map((p) => p.text)).toEqual(['hello']);
    expect(poster.notices).toEqual([]);
    expect(poster.lookups).toEqual([]); // Slack said 429: certainly not posted, nothing to look up
    expect((model as ScriptedModel).requests).toHaveLength(modelCalls); // the model was not asked again
    expect(bus.drain()).toHaveLength(1); // the mention of the copywriter went out once posted
  });

  it('reports a rate limit that outlasts every attempt as a rate limit, once', async () => {
    const { poster, runtime } = setup(() => post('hello'));
    poster.failWith = new SlackPostError('ratelimited', explainPostFailure('ratelimited', { who: '@x', channel: '#c', tokenVar: 'T' }), 'C0CONTENT');
    const r = await ask(['content_manager']);
    for (let attempt = 1; attempt < MAX_ATTEMPTS; attempt++) await expect(runtime.handleDelivery(r.deliveryIds[0]!)).rejects.toThrow();
    await runtime.handleDelivery(r.deliveryIds[0]!);
    expect(poster.notices).toHaveLength(1);
    expect(poster.notices[0]!.text).toContain('rate-limiting');
    expect(poster.notices[0]!.text).not.toContain('could not be reached');
  });

  it('retries a turn whose database write failed instead of failing it', async () => {
    class FlakyStore extends Store {
      failures = 1;
      override async recordTurn(input: Parameters<Store['recordTurn']>[0]) {
        if (this.failures-- > 0) throw new Error('Failed query: insert…', { cause: Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }) });
        return super.recordTurn(input);
      }
    }
    const { poster, runtime } = setup(() => post('hello'), { store: new FlakyStore(t.store.db) });
    const r = await ask(['content_manager']);
    await expect(runtime.handleDelivery(r.deliveryIds[0]!)).rejects.toThrow('Failed query');
    await runtime.handleDelivery(r.deliveryIds[0]!);
    expect(poster.posts.map((p) => p.text)).toEqual(['hello']);
    expect(poster.notices).toEqual([]);
  });

  it('hands a turn back when Claude is overloaded, and reports a permanent model error in the thread', async () => {
    const failing = (error: ModelError): ChatModel => ({ rehearsal: false, label: 'failing', create: async () => { throw error; } });
    const overloaded = setup(failing(new ModelError('Anthropic is overloaded (529): try again shortly', { retryable: true, fault: 'anthropic', status: 529 })));
    const r1 = await ask(['cmo']);
    await expect(overloaded.runtime.handleDelivery(r1.deliveryIds[0]!)).rejects.toThrow('overloaded');
    expect(await t.store.claimDelivery(r1.deliveryIds[0]!, 60_000, OPEN_BUDGET)).not.toBeNull(); // pending again

    const rejected = setup(failing(new ModelError('Anthropic rejected the API key (401): check ANTHROPIC_API_KEY', { retryable: false, fault: 'operator', status: 401 })));
    const r2 = await ask(['cmo']);
    await rejected.runtime.handleDelivery(r2.deliveryIds[0]!);
    expect(rejected.poster.notices[0]!.text).toContain('check ANTHROPIC_API_KEY');
    expect(await t.store.claimDelivery(r2.deliveryIds[0]!, 0, OPEN_BUDGET)).toBeNull(); // failed, final
  });

  it('keeps every message of a thread just over the history limit in view until ten have fallen out of it', async () => {
    const limit = department.file.limits.history_messages;
    const { runtime, model } = setup(() => post('ok'));
    const root = `${1_810_000_000 + ++thread}.000001`;
    const say = (i: number, text: string, targets: string[]) =>
      t.store.ingestHumanMessage({ eventId: `EvLong${thread}-${i}`, eventType: 'message', channelId: 'C0LONG', threadTs: root, ts: i === 0 ? root : `${root.slice(0, 10)}.${String(i + 1).padStart(6, '0')}`, slackUserId: 'U0HUMAN', text, targets });
    await say(0, 'ORIGINAL REQUEST: plan the spring launch', []);
    for (let i = 1; i <= limit + 3; i++) await say(i, `follow-up ${i}`, []);
    const last = await say(limit + 4, 'and the final question', ['vp_marketing']);
    if (last.duplicate) throw new Error('duplicate');
    await runtime.handleDelivery(last.deliveryIds[0]!);
    // One call: four messages past the limit are too few to summarise (see thread-summary.test.ts).
    expect((model as ScriptedModel).requests).toHaveLength(1);
    const blocks = (model as ScriptedModel).requests[0]!.messages[0]!.content as { type: 'text'; text: string; cache_control?: unknown }[];
    const prompt = blocks.map((b) => b.text).join('\n');
    // The thread so far is cached up to the new message: the next turn here reads it from the cache.
    expect(blocks.at(-2)!.cache_control).toEqual({ type: 'ephemeral' });
    expect(blocks.at(-1)!.text).toContain('and the final question');
    expect(blocks.filter((b) => b.cache_control)).toHaveLength(1);
    expect(prompt).toContain('ORIGINAL REQUEST: plan the spring launch');
    expect(prompt).not.toContain('not shown');
    expect(prompt).not.toContain('Summary of the');
    expect(prompt).toContain('follow-up 1\n');
    expect(prompt).toContain(`follow-up ${limit + 3}`);
  });
});

describe('two workers', () => {
  it('a slow turn renews its claim, so a second worker does not answer it again', async () => {
    const slow = (): ChatModel => {
      const model = new ScriptedModel(() => post('considered answer'));
      const create = model.create.bind(model);
      model.create = async (req) => {
        await new Promise((r) => setTimeout(r, 400));
        return create(req);
      };
      return model;
    };
    const a = setup(slow(), { claimLeaseMs: 150, claimRenewMs: 40 });
    const b = setup(slow(), { claimLeaseMs: 150, claimRenewMs: 40 });
    const r = await ask(['cmo']);
    const first = a.runtime.handleDelivery(r.deliveryIds[0]!);
    await new Promise((resolve) => setTimeout(resolve, 250)); // older than the lease, but renewed
    await b.runtime.handleDelivery(r.deliveryIds[0]!);
    await first;
    // Answered once, by the worker that held it all along (without renewal, B would take it over
    // and A's ownership check would stop A: still once, but only after a second model call).
    expect(a.poster.posts).toHaveLength(1);
    expect(b.poster.posts).toHaveLength(0);
  });
});

describe('a worker that dies in the middle of posting', () => {
  /** Worker A: its post call never returns (the process died there) and it never renews its lease. */
  function dyingWorker(reachesSlack: boolean, poster: RecordingPoster) {
    const a = setup(() => post('the answer'), { claimLeaseMs: 100, claimRenewMs: 1e9 });
    a.poster.postAsAgent = async (p) => {
      if (reachesSlack) await poster.postAsAgent(p); // Slack took it; the answer is lost with the process
      return new Promise<never>(() => {});
    };
    return a;
  }

  it('does not post again what Slack already accepted: the new worker finds it in the thread', async () => {
    const slack = new RecordingPoster();
    const a = dyingWorker(true, slack);
    const r = await ask(['cmo']);
    void a.runtime.handleDelivery(r.deliveryIds[0]!);
    await until(() => slack.posts.length === 1);
    await new Promise((resolve) => setTimeout(resolve, 150)); // the lease runs out
    const b = setup(() => post('a second answer'), { claimLeaseMs: 100 });
    b.poster.postAsAgent = slack.postAsAgent.bind(slack);
    b.poster.findPosted = slack.findPosted.bind(slack);
    await b.runtime.handleDelivery(r.deliveryIds[0]!);
    expect(slack.posts.map((p) => p.text)).toEqual(['the answer']);
    expect(slack.lookups).toHaveLength(1);
    expect((b.model as ScriptedModel).requests).toHaveLength(0); // resumed from the record, no second model call
    const [msg] = await t.store.messagesFromDelivery(r.deliveryIds[0]!);
    expect(msg?.ts).not.toBeNull();
  });

  it('posts what never reached Slack exactly once', async () => {
    const slack = new RecordingPoster();
    const a = dyingWorker(false, slack);
    const r = await ask(['cmo']);
    void a.runtime.handleDelivery(r.deliveryIds[0]!);
    await until(async () => (await t.store.messagesFromDelivery(r.deliveryIds[0]!)).length === 1);
    await new Promise((resolve) => setTimeout(resolve, 150));
    const b = setup(() => post('unused'), { claimLeaseMs: 100 });
    b.poster.postAsAgent = slack.postAsAgent.bind(slack);
    b.poster.findPosted = slack.findPosted.bind(slack);
    await b.runtime.handleDelivery(r.deliveryIds[0]!);
    expect(slack.posts.map((p) => p.text)).toEqual(['the answer']);
    // And once more, as a late duplicate publish would: nothing happens.
    await b.runtime.handleDelivery(r.deliveryIds[0]!);
    expect(slack.posts).toHaveLength(1);
  });
});

async function until(check: () => boolean | Promise<boolean>, timeoutMs = 5000) {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('offline rehearsal department', () => {
  it('runs a delegated collaboration end to end: assignment, two deliverables, one wrap-up', async () => {
    const { poster, runtime, settle } = setup(new RehearsalModel(department));
    const r = await ask(['content_manager'], 'Can you get us a case study on how AI reduces marketing costs, with keyword research for search?');
    await runtime.handleDelivery(r.deliveryIds[0]!);
    await settle();
    const byAgent = poster.posts.map((p) => [p.agentId, p.protocol.type, p.mentions]);
    expect(byAgent[0]).toEqual(['content_manager', 'task_assignment', ['copywriter', 'seo_specialist']]);
    expect(byAgent.slice(1, 3)).toEqual(
      expect.arrayContaining([
        ['copywriter', 'deliverable', ['content_manager']],
        ['seo_specialist', 'deliverable', ['content_manager']],
      ]),
    );
    expect(byAgent.slice(3)).toEqual([['content_manager', 'status_update', []]]);
    expect(poster.posts.every((p) => p.rehearsal && p.protocol.model === 'rehearsal-offline')).toBe(true);
    const calls = await t.store.db.query.llmCalls.findMany({ where: (c, { eq }) => eq(c.conversationId, r.conversationId) });
    expect(calls.filter((c) => c.rehearsal).length).toBeGreaterThanOrEqual(4);
    // Offline costs nothing: recorded at $0, so it never trips a spend budget.
    expect(calls.every((c) => c.costUsd === 0)).toBe(true);
    expect((await t.store.getConversation(r.conversationId))?.spendUsd).toBe(0);
  });
});

const toolUseDecline = () => [toolUse('decline', { reason: 'nothing to add' })];
