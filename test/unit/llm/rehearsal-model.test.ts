import { describe, expect, it } from 'vitest';
import { agentTools } from '../../../src/agents/tools.js';
import { renderTurnPrompt, type PromptEntry } from '../../../src/agents/turn-prompt.js';
import { buildRequest } from '../../../src/llm/prompt.js';
import { REHEARSAL_LABEL, REHEARSAL_MODEL_ID, type ModelRequest, type ModelResponse } from '../../../src/llm/model.js';
import { REHEARSAL_NOTE, RehearsalModel } from '../../../src/llm/rehearsal-model.js';
import { testDepartment } from './department-fixture.js';

const dept = testDepartment();
const model = new RehearsalModel(dept);

/** A request as the agent runtime builds it: static system, the rendered turn prompt, the two tools. */
function turn(agentId: string, history: PromptEntry[], incoming: PromptEntry, mentionable?: string[]): ModelRequest {
  const me = dept.byId.get(agentId)!;
  return buildRequest({
    model: 'claude-sonnet-4-5',
    maxTokens: 1500,
    staticSystem: `${dept.preamble}\n\n${me.prompt}`,
    messages: [{ role: 'user', content: renderTurnPrompt({ agentId, channelId: 'C1', threadTs: '1700000000.000100', history, incoming }) }],
    tools: agentTools(mentionable ?? dept.agents.map((a) => a.id).filter((id) => id !== agentId)),
  });
}

type Call = { name: string; input: any };
/** Every tool call of a response, in order. */
function toolCalls(res: ModelResponse): Call[] {
  expect(res.stop_reason).toBe('tool_use');
  return res.content.flatMap((b) => (b.type === 'tool_use' ? [{ name: b.name, input: b.input }] : []));
}
/** The call that acts in the thread (task records made beside it are checked where they matter). */
function toolCall(res: ModelResponse): Call {
  const calls = toolCalls(res);
  const main = calls.find((c) => c.name !== 'create_task' && c.name !== 'update_task') ?? calls[0];
  if (!main) throw new Error('no tool_use block');
  return main;
}
/** The thread entry a post_message becomes, for the next turn's history. */
const asEntry = (from: string, call: Call): PromptEntry => ({ from, fromName: dept.byId.get(from)!.name, to: call.input.mentions, type: call.input.type, text: call.input.text });

const request: PromptEntry = {
  from: 'human:U0123ABCD',
  fromName: 'Dana',
  to: ['content_manager'],
  type: 'request',
  text: 'Morning team! Need a case study on AI cost reduction, with keyword research for search. Target audience: marketing directors. Deadline: EOD tomorrow.',
};
/** A blog post is work the content workflow runs (src/workflows). */
const blogRequest: PromptEntry = { ...request, text: 'Morning team! Need a blog post on AI cost reduction. Target audience: marketing directors. Deadline: EOD tomorrow.' };

describe('RehearsalModel', () => {
  it('identifies itself as the rehearsal model', async () => {
    const res = await model.create(turn('content_manager', [], request));
    expect(model.rehearsal).toBe(true);
    expect(model.label).toBe(REHEARSAL_LABEL);
    expect(res).toMatchObject({ type: 'message', role: 'assistant', model: REHEARSAL_MODEL_ID, stop_sequence: null });
    expect(res.id).toMatch(/^msg_rehearsal_[0-9a-f]+$/);
    expect(res.usage.input_tokens).toBeGreaterThan(100);
    expect(res.usage.output_tokens).toBeGreaterThan(10);
    expect(res.content[0]).toMatchObject({ type: 'text', text: expect.stringContaining('rehearsal') });
    expect(res.content[1]).toMatchObject({ type: 'tool_use', id: 'toolu_rehearsal_1' });
  });

  it('is deterministic: the same request gives the same response', async () => {
    const a = await model.create(turn('content_manager', [], request));
    const b = await model.create(turn('content_manager', [], request));
    expect(b).toEqual(a);
    const other = await model.create(turn('copywriter', [], request));
    expect(other.id).not.toBe(a.id);
  });

  it('starts the content workflow when a person asks the Content Manager for a blog post', async () => {
    const call = toolCall(await model.create(turn('content_manager', [], blogRequest)));
    expect(call).toEqual({ name: 'start_workflow', input: { workflow: 'content', topic: 'AI cost reduction', content_type: 'blog_post' } });
  });

  it('delegates other work by expertise: deliver in parallel, exactly one wrap-up', async () => {
    // The content manager splits the request between the two reports whose expertise it names.
    const assigning = await model.create(turn('content_manager', [], request));
    const assign = toolCall(assigning);
    expect(assign.name).toBe('post_message');
    // …and records a task for each of them.
    expect(toolCalls(assigning).filter((c) => c.name === 'create_task').map((c) => c.input.assignee)).toEqual(['copywriter', 'seo_specialist']);
    expect(assign.input).toMatchObject({ type: 'task_assignment', mentions: ['copywriter', 'seo_specialist'] });
    expect(assign.input.subject).toMatch(/case study on AI cost reduction/i);
    expect(assign.input.text).toContain('*Copywriter*');
    expect(assign.input.text).toContain('*SEO Specialist*');
    expect(assign.input.text).toMatch(/keyword/i);
    expect(assign.input.text).toContain(REHEARSAL_NOTE);
    const A = asEntry('content_manager', assign);

    // Each specialist delivers to the manager who asked.
    const copy = toolCall(await model.create(turn('copywriter', [request], A)));
    expect(copy.input).toMatchObject({ type: 'deliverable', mentions: ['content_manager'] });
    expect(copy.input.text).toContain(REHEARSAL_NOTE);
    const seo = toolCall(await model.create(turn('seo_specialist', [request], A)));
    expect(seo.input).toMatchObject({ type: 'deliverable', mentions: ['content_manager'] });
    const Dcopy = asEntry('copywriter', copy);
    const Dseo = asEntry('seo_specialist', seo);

    // First deliverable: still waiting. History holds only messages before the incoming one.
    const first = toolCall(await model.create(turn('content_manager', [request, A], Dcopy)));
    expect(first).toEqual({ name: 'decline', input: { reason: 'waiting for SEO Specialist' } });

    // Second deliverable: everyone delivered, so one wrap-up that notifies nobody.
    const second = toolCall(await model.create(turn('content_manager', [request, A, Dcopy], Dseo)));
    expect(second.name).toBe('post_message');
    expect(second.input).toMatchObject({ type: 'status_update', mentions: [] });
    expect(second.input.text).toMatch(/Copywriter/);
    expect(second.input.text).toMatch(/\*SEO Specialist\* \(deliverable\): Keyword research: /);
    expect(second.input.text).toContain(REHEARSAL_NOTE);

    // A late message after the wrap-up does not produce a second one.
    const wrap = asEntry('content_manager', second);
    const late: PromptEntry = { ...Dcopy, type: 'reply', text: 'Small typo fixed.' };
    const third = toolCall(await model.create(turn('content_manager', [request, A, Dcopy, Dseo, wrap], late)));
    expect(third.name).toBe('decline');
  });

  it('ends the turn once the tool result comes back', async () => {
    const req = turn('content_manager', [], request);
    const first = await model.create(req);
    const use = first.content.find((b) => b.type === 'tool_use')!;
    const res = await model.create({
      ...req,
      messages: [
        ...req.messages,
        { role: 'assistant', content: first.content.map((b) => (b.type === 'tool_use' ? { type: 'tool_use' as const, id: b.id, name: b.name, input: b.input } : { type: 'text' as const, text: b.type === 'text' ? b.text : '' })) },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'id' in use ? use.id : '', content: 'posted' }] },
      ],
    });
    expect(res.content).toEqual([]);
    expect(res.stop_reason).toBe('end_turn');
  });

  it('a copywriter asked for a blog post directly submits a draft of its real shape, whose level the policy sets', async () => {
    const call = toolCall(await model.create(turn('copywriter', [], { ...blogRequest, to: ['copywriter'] })));
    expect(call.name).toBe('submit_deliverable');
    expect(call.input).toMatchObject({ content_type: 'blog_post', title: 'AI cost reduction', notify: [] });
    expect(call.input.content).toMatch(/\*Meta description:\*[\s\S]*\*Outline\*[\s\S]*## /);
    expect(call.input.content).toContain(REHEARSAL_NOTE);
  });

  it('a specialist answering a human mentions nobody', async () => {
    const ask: PromptEntry = { ...request, to: ['copywriter'], text: 'Can you write a short case study about our onboarding?' };
    const call = toolCall(await model.create(turn('copywriter', [], ask)));
    expect(call.input).toMatchObject({ type: 'deliverable', mentions: [] });
    // Work in its shape, built from the ask: a case study outline, not the Copywriter's job description.
    expect(call.input.text).toMatch(/^\*Case study outline: Short case study about our onboarding\*\n\*Customer:\*/);
  });

  it('a manager with no matching report replies itself', async () => {
    const ask: PromptEntry = { ...request, text: 'What should our editorial calendar look like next month?' };
    const call = toolCall(await model.create(turn('content_manager', [], ask)));
    expect(call.input).toMatchObject({ type: 'reply', mentions: [] });
  });

  it('mentions only agents the post_message tool allows', async () => {
    const call = toolCall(await model.create(turn('content_manager', [], request, ['copywriter', 'vp_marketing'])));
    expect(call.input.mentions).toEqual(['copywriter']);
  });

  it('answers a review request with feedback and ignores notices', async () => {
    const review: PromptEntry = { from: 'copywriter', fromName: 'Copywriter', to: ['seo_specialist'], type: 'review_request', text: 'Draft ready for SEO review.' };
    expect(toolCall(await model.create(turn('seo_specialist', [request], review))).input).toMatchObject({ type: 'feedback', mentions: ['copywriter'] });
    const fyi: PromptEntry = { ...review, type: 'fyi', text: 'Published the post.' };
    expect(toolCall(await model.create(turn('seo_specialist', [request], fyi))).name).toBe('decline');
  });

  it('declines an answer that closes nothing it started', async () => {
    const thanks: PromptEntry = { from: 'content_manager', fromName: 'Content Manager', to: ['copywriter'], type: 'reply', text: 'Thanks, great work!' };
    expect(toolCall(await model.create(turn('copywriter', [request], thanks)))).toEqual({ name: 'decline', input: { reason: 'acknowledgement; nothing to add' } });
  });
});
