import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDepartment } from '../../../src/department/load.js';
import type { Department } from '../../../src/department/schema.js';
import { WorkStore } from '../../../src/store/work-store.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';
import { runtimeHarness } from '../../support/runtime-harness.js';
import { post, toolUse, type ScriptedModel } from '../../support/scripted-model.js';

/** Agents record tasks and decisions through tools, within what manifests/department.yml allows them. */
let t: TestDatabase;
let department: Department;
let harness: ReturnType<typeof runtimeHarness>;
let work: WorkStore;
beforeAll(async () => {
  t = await createTestDatabase();
  department = loadDepartment('manifests', 'prompts');
  harness = runtimeHarness(t, department);
  work = new WorkStore(t.store.db);
});
afterAll(async () => {
  await t?.drop();
});

const toolResult = (model: ScriptedModel) => JSON.stringify(model.requests[1]?.messages.at(-1) ?? null);

describe('work tools', () => {
  it('a manager records a decision within its authority; its actions become tasks for its reports, in the turn\'s record', async () => {
    const { runtime, model } = harness.setup(() => [
      toolUse('record_decision', {
        type: 'blog_post_topics',
        context: 'Q1 editorial plan',
        decision: 'Lead with the AI cost study',
        reasoning: 'Strongest search demand',
        actions: [{ assigned_to: 'copywriter', action: 'Draft the AI cost post', due_date: '2026-12-10' }],
      }),
      toolUse('create_task', { title: 'Review Q1 calendar', assignee: 'content_manager' }),
      ...post('Decided: we lead with the AI cost study.'),
    ]);
    const r = await harness.ask(['content_manager'], 'What do we write first?');
    await runtime.handleDelivery(r.deliveryIds[0]!);
    expect(toolResult(model as ScriptedModel)).toBe('null'); // nothing refused: one call
    const [decision] = await work.searchDecisions('AI cost study');
    expect(decision).toMatchObject({ maker: 'content_manager', type: 'blog_post_topics', conversationId: r.conversationId });
    const copyTasks = await work.openTasks('copywriter');
    expect(copyTasks.find((x) => x.title === 'Draft the AI cost post')).toMatchObject({ decisionId: decision!.id, requester: 'content_manager', dueDate: '2026-12-10' });
    expect((await work.openTasks('content_manager')).map((x) => x.title)).toContain('Review Q1 calendar');
  });

  it('refuses a decision the authority matrix says the agent must escalate, or only advises on, and an unknown kind', async () => {
    for (const [agent, type, says] of [
      ['content_manager', 'legal_compliance', 'must be escalated'],
      ['copywriter', 'blog_post_topics', 'may only consult blog_post_topics decisions; the manager decides'],
      ['content_manager', 'office_party', 'not a decision type'],
    ] as const) {
      const context = `refused-${agent}-${type}`;
      const { runtime, model } = harness.setup((_turn, req) => (req.messages.length === 1 ? [toolUse('record_decision', { type, context, decision: 'd' })] : 'end'));
      const r = await harness.ask([agent], `Decide ${type}`);
      await runtime.handleDelivery(r.deliveryIds[0]!);
      expect(toolResult(model as ScriptedModel)).toContain(says);
      expect(await work.searchDecisions(context)).toEqual([]);
    }
  });

  it('refuses tasks outside the agent\'s reporting lines', async () => {
    const { runtime, model } = harness.setup((_turn, req) => (req.messages.length === 1 ? [toolUse('create_task', { title: 'Approve budget', assignee: 'cmo' })] : 'end'));
    const r = await harness.ask(['copywriter'], 'Get the budget approved');
    await runtime.handleDelivery(r.deliveryIds[0]!);
    expect(toolResult(model as ScriptedModel)).toContain('only for yourself or your reports');
    expect((await work.openTasks('cmo')).map((x) => x.title)).not.toContain('Approve budget');
  });
});
