import { describe, expect, it } from 'vitest';
import { loadDepartment } from '../../../src/department/load.js';
import type { ApprovalCardInput } from '../../../src/slack/blocks/approval-card.js';
import type { PendingApprovals } from '../../../src/slack/blocks/approval-list.js';
import { homeView } from '../../../src/slack/blocks/home.js';
import type { TaskRow } from '../../../src/store/work-store.js';

const department = loadDepartment('manifests', 'prompts');
const WHO = 'Only <@U0ALEX> can decide this.';

const card = (i: number, rehearsal = true): ApprovalCardInput => ({
  requestId: `apr_${i}`, title: `Post ${i}`, summary: `Publish post ${i}`, requesterName: 'Content Manager', contentType: 'blog_post',
  level: 'L3', urgency: 'normal', dueDate: null, version: 1, content: 'x'.repeat(2000), rehearsal,
});
const task = (i: number, title = `Task ${i}`): TaskRow => ({
  id: `tsk_${i}`, title, description: '', assignee: department.agents[i % department.agents.length]!.id, requester: 'cmo', status: 'todo',
  dueDate: null, dependencies: [], conversationId: null, decisionId: null, createdAt: new Date(), updatedAt: new Date(), updatedBy: null,
});
const pending = (n: number, mayDecide: boolean, shown = n): PendingApprovals => ({ cards: Array.from({ length: shown }, (_, i) => card(i)), total: n, mayDecide, whoMay: WHO });
const buttonsOf = (blocks: unknown, id: string) => JSON.stringify(blocks).match(new RegExp(`"value":"${id}"`, 'g'))?.length ?? 0;

describe('the Home tab', () => {
  it('gives an approver every pending card with its four buttons, and the open tasks', () => {
    const view = homeView(department, { approvals: pending(2, true), tasks: [task(1, 'Draft the nurture post')] });
    const text = JSON.stringify(view.blocks);
    for (const id of ['apr_0', 'apr_1']) expect(buttonsOf(view.blocks, id)).toBe(4); // Read full text, Approve, Request changes, Reject
    expect(text).toContain('*Waiting for your decision* (2)');
    expect(text).toContain('Draft the nurture post — todo');
    expect(text).toContain('dept_ask_agent'); // the directory is still there
  });

  it('tells anyone else how many wait and who may decide, without cards', () => {
    const view = homeView(department, { approvals: pending(3, false, 0), tasks: [] });
    const text = JSON.stringify(view.blocks);
    expect(text).toContain(`3 approval requests wait for a decision. ${WHO}`);
    expect(text).not.toContain('dept_approve');
    expect(text).toContain('*Open tasks*\\nNone.');
  });

  it('says when nothing waits, and heads the tab with a notice when given one', () => {
    const view = homeView(department, { approvals: pending(0, true), tasks: [], notice: ':white_check_mark: Approved: Publish post 1' });
    expect(JSON.stringify(view.blocks[2])).toContain('Approved: Publish post 1');
    expect(JSON.stringify(view.blocks)).toContain('Nothing waits for approval.');
  });

  it('stays within Slack\'s 100 blocks with many approvals and tasks, whole cards first, and says what it left out', () => {
    const tasks = Array.from({ length: 300 }, (_, i) => task(i, `A long task title ${'that goes on '.repeat(40)} ${i}`));
    const view = homeView(department, { approvals: pending(60, true, 33), tasks });
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    const text = JSON.stringify(view.blocks);
    const shown = [...text.matchAll(/"action_id":"dept_approve","value":"(apr_\d+)"/g)].map((m) => m[1]);
    expect(shown.length).toBeGreaterThan(5);
    for (const id of shown) expect(buttonsOf(view.blocks, id!)).toBe(4); // no card cut in half
    expect(text).toContain(`…and ${60 - shown.length} more waiting`);
    expect(text).toContain('The rest: `/dept tasks` (300 open).');
    expect(text).toContain('(20 of 300)');
  });

  it('stays within 100 blocks even for a department whose directory alone would not fit', () => {
    const big = { ...department, agents: Array.from({ length: 120 }, (_, i) => ({ ...department.agents[i % department.agents.length]!, id: `agent_${i}` })) };
    const view = homeView(big, { approvals: pending(10, true), tasks: [] });
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    expect(JSON.stringify(view.blocks)).toContain('The whole directory: `/dept`');
    expect(buttonsOf(view.blocks, 'apr_0')).toBe(4);
  });
});
