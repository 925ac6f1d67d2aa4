import { describe, expect, it } from 'vitest';
import { loadDepartment } from '../../../src/department/load.js';
import { askModal, heading } from '../../../src/slack/blocks/ask-modal.js';
import { homeView } from '../../../src/slack/blocks/home.js';

const department = loadDepartment('manifests', 'prompts');
const textOf = (blocks: unknown) => JSON.stringify(blocks);

describe('what the Slack surfaces say', () => {
  it('the Ask modal names the agent once when its name is its title, and both when they differ', () => {
    expect(heading({ name: 'Copywriter', title: 'Copywriter' })).toBe('*Copywriter*');
    expect(heading({ name: 'CMO', title: 'Chief Marketing Officer' })).toBe('*CMO* — Chief Marketing Officer');
    for (const agent of department.agents) {
      const intro = (askModal(agent, { agentId: agent.id, channelId: 'C1' }).blocks[0] as { text: { text: string } }).text.text;
      expect(intro.split('\n')[0]).not.toBe(`*${agent.name}* — ${agent.name}`);
    }
  });

  it('the Home tab promises only what works: it counts the agents, names the front desk, where cards arrive, where meetings run, and lists the latest decisions and publications', () => {
    const approvals = { cards: [], total: 0, mayDecide: false, whoMay: 'Only <@U1> can decide this.' };
    const text = textOf(homeView(department, { approvals, tasks: [] }).blocks);
    expect(text).toContain(`${department.agents.length} agents work here`);
    expect(text).toContain(`${department.byId.get(department.file.front_desk)!.name}, the front desk, answers`);
    expect(text).toContain(`run as threads in #${department.file.channels.standup} on their schedule; \`/dept standup\` holds today's now`);
    expect(text).not.toMatch(/standups are coming|set aside/);
    expect(text).toContain('*Latest decisions* (`/dept decisions`)\\nNone recorded yet.');
    expect(text).toContain('*Latest published* (`/dept published`)\\nNothing published yet.');
    expect(text).toContain(`reaches you as a card, in its thread and in #${department.file.channels.approvals}`);
    expect(text).not.toMatch(/cards are coming|do not post approval cards/);
    expect(text).not.toMatch(/"(Approve|Reject|Request changes)"/);
  });

  it('the Home tab lists the latest decisions and publications it is given, newest first, one line each', () => {
    const approvals = { cards: [], total: 0, mayDecide: false, whoMay: 'Only <@U1> can decide this.' };
    const decision = { id: 'dec_1', maker: 'vp_marketing', type: 'prioritization', context: 'Daily standup', decision: 'Priority today: the AI costs post', reasoning: '', actions: [], approvalChain: [], escalated: false, dissent: null, conversationId: null, createdAt: new Date('2026-11-29T10:00:00Z') };
    const published = { id: 'pub_1', deliverableId: 'dlvb_1', version: 3, title: 'AI costs for small businesses', contentType: 'blog_post', content: '', author: 'copywriter', approvedBy: 'U1', conversationId: 'conv_1', rehearsal: false, publishedAt: new Date('2026-11-28T09:00:00Z') } as never;
    const text = textOf(homeView(department, { approvals, tasks: [], decisions: [decision], published: [published] }).blocks);
    expect(text).toContain('*Latest decisions* (`/dept decisions`)\\n• *Priority today: the AI costs post* — VP of Marketing, 2026-11-29');
    expect(text).toContain('*Latest published* (`/dept published`)\\n• *AI costs for small businesses* (blog post v3) — Copywriter, 2026-11-28');
  });
});
