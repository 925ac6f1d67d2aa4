import { Annotation, END, START, StateGraph, interrupt } from '@langchain/langgraph';
import type { Department } from '../department/schema.js';
import { stepHeading } from './step-heading.js';
import { asDecision, asTurn, type WorkflowDraft, type WorkflowPorts } from './workflow-ports.js';
import type { WaitingFor } from './workflow-store.js';

/**
 * The content creation workflow (seed 5.1, example 1) as a LangGraph graph: keyword research →
 * draft → review by the Content Manager (at most MAX_REVIEW_ROUNDS drafts) → header image → brand
 * voice check → SEO verification → a person's approval at the content type's autonomy level →
 * publication → hand-off to Social Media and Email. Each step is an agent's turn, asked for in the
 * thread; the graph waits for it with interrupt() and resumes from its checkpoint.
 */
export const CONTENT_WORKFLOW = 'content';
export const MAX_REVIEW_ROUNDS = 2;

/** Who does each step, and how the plan and the step requests name it (the rehearsal model reads the label). */
export const CONTENT_STEPS = [
  { step: 'keywords', agent: 'seo_specialist', label: 'Keyword research' },
  { step: 'draft', agent: 'copywriter', label: 'Draft', drafts: true },
  { step: 'review', agent: 'content_manager', label: 'Review' },
  { step: 'image', agent: 'designer', label: 'Header image brief' },
  { step: 'brand', agent: 'director_of_communications', label: 'Brand voice check' },
  { step: 'seo_check', agent: 'seo_specialist', label: 'SEO verification' },
  { step: 'approval', agent: null, label: 'Approval' },
  { step: 'publish', agent: 'content_manager', label: 'Publication' },
  { step: 'handoff', agent: 'content_manager', label: 'Hand-off to Social Media and Email' },
] as const;

export const ContentState = Annotation.Root({
  runId: Annotation<string>(),
  topic: Annotation<string>(),
  contentType: Annotation<string>(),
  coordinator: Annotation<string>(),
  round: Annotation<number>({ reducer: (_a, b) => b, default: () => 1 }),
  /** What the last review or decision asked to change. */
  notes: Annotation<string>({ reducer: (_a, b) => b, default: () => '' }),
  keywordResearch: Annotation<string>({ reducer: (_a, b) => b, default: () => '' }),
  current: Annotation<WorkflowDraft | null>({ reducer: (_a, b) => b, default: () => null }),
  /** After a person's changes the revision goes straight back to them, not through the reviews again. */
  revisingFor: Annotation<'review' | 'approval'>({ reducer: (_a, b) => b, default: () => 'review' }),
  decision: Annotation<string | null>({ reducer: (_a, b) => b, default: () => null }),
  approvedBy: Annotation<string | null>({ reducer: (_a, b) => b, default: () => null }),
  /** How it ended: published, rejected, or why it stopped. */
  outcome: Annotation<string | null>({ reducer: (_a, b) => b, default: () => null }),
});
export type ContentStateValue = typeof ContentState.State;

export function buildContentWorkflow(ports: WorkflowPorts, department: Department) {
  const has = (agent: string) => department.byId.has(agent);
  const quoted = (s: ContentStateValue) => `“${s.topic}”`;

  /** Asks the step's agent (as `from`, else the coordinator), waits for its turn, and hands the turn's result to `then`. */
  const agentStep =
    (step: (typeof CONTENT_STEPS)[number], request: (s: ContentStateValue) => string, then: (s: ContentStateValue, r: ReturnType<typeof asTurn>) => Partial<ContentStateValue>, from?: string) =>
    async (s: ContentStateValue): Promise<Partial<ContentStateValue>> => {
      if (!step.agent || !has(step.agent)) return {};
      const key = `${step.step}:${s.round}`;
      const asker = from && has(from) ? from : undefined;
      const waiting: WaitingFor = await ports.ask(s.runId, key, step.agent, `${stepHeading(step.label)}\n${request(s)}`, `${step.label}: ${s.topic}`, { from: asker });
      const result = asTurn(interrupt(waiting));
      if (result.status !== 'done') return { outcome: `stopped: ${department.byId.get(step.agent)?.name ?? step.agent} could not do the ${step.label.toLowerCase()} (${result.outcome ?? result.status})` };
      return then(s, result);
    };
  const [keywords, draft, review, image, brand, seoCheck] = CONTENT_STEPS;

  const graph = new StateGraph(ContentState)
    .addNode('plan', async (s) => {
      await ports.plan(s.runId);
      return {};
    })
    .addNode(
      'keywords',
      agentStep(keywords, (s) => `Keyword research for the blog post ${quoted(s)}: the primary keyword, secondary keywords and clusters, and the search intent. Post it here; the Copywriter writes with it.`, (_s, r) => ({ keywordResearch: r.posts.join('\n') })),
    )
    .addNode(
      'draft',
      agentStep(
        draft,
        (s) =>
          s.current
            ? `Revise ${quoted(s)} (deliverable ${s.current.id}, now v${s.current.version}). What to change: ${s.notes || 'see above'}. Submit the new version with submit_deliverable and deliverable_id ${s.current.id}.`
            : `Write the blog post ${quoted(s)}: about 1,500 words, with a title, a meta description and sections, using the keyword research above. Submit it whole with submit_deliverable (content_type ${s.contentType}).`,
        (s, r) => (r.deliverable ? { current: r.deliverable } : { outcome: `stopped: the Copywriter submitted no draft of ${quoted(s)}` }),
      ),
    )
    .addNode(
      'review',
      agentStep(
        review,
        (s) => `Review v${s.current?.version} of ${quoted(s)} (deliverable ${s.current?.id}) for quality, structure and brand voice. Record your verdict with review_deliverable: approve it, or request changes naming the parts to change.${s.round >= MAX_REVIEW_ROUNDS ? ' This is the last review round.' : ''}`,
        (s, r) => (r.review && !r.review.approved && s.round < MAX_REVIEW_ROUNDS ? { notes: r.review.comment, round: s.round + 1, decision: 'changes' } : { decision: 'reviewed' }),
        // The author asks for the review, as in the seed ("First draft ready for review").
        'copywriter',
      ),
    )
    .addNode('image', agentStep(image, (s) => `A header image brief for ${quoted(s)}: the theme, the composition and two or three options, in the brand's colours.`, () => ({})))
    .addNode('brand', agentStep(brand, (s) => `Brand voice check of v${s.current?.version} of ${quoted(s)}: does it sound like us? Say what must change, if anything.`, () => ({})))
    .addNode('seo_check', agentStep(seoCheck, (s) => `Verify the SEO of v${s.current?.version} of ${quoted(s)}: keyword placement, headings, meta description, internal links. Give it a score.`, () => ({})))
    .addNode('approval', async (s) => {
      const d = s.current!;
      const waiting = await ports.askPerson(s.runId, `approval:${s.round}`, { ...d, contentType: s.contentType, author: 'copywriter' }, `Publish the blog post ${quoted(s)}`);
      if (!waiting) return { decision: 'approved', approvedBy: null };
      const r = asDecision(interrupt(waiting));
      if (r.state === 'approved') return { decision: 'approved', approvedBy: r.by };
      if (r.state === 'rejected') return { decision: 'rejected', outcome: `rejected by <@${r.by}>${r.comment ? `: ${r.comment}` : ''}` };
      return { decision: 'changes', notes: r.comment ?? '', round: s.round + 1, revisingFor: 'approval' };
    })
    .addNode('publish', async (s) => {
      const said = await ports.publish(s.runId, { ...s.current!, contentType: s.contentType, author: 'copywriter', approvedBy: s.approvedBy });
      await ports.say(s.runId, 'publish', s.coordinator, said);
      return { outcome: 'published' };
    })
    .addNode('handoff', async (s) => {
      const promote = [
        { assignee: 'social_media_manager', title: `Promotion posts for ${s.topic}` },
        { assignee: 'email_specialist', title: `Newsletter item for ${s.topic}` },
      ].filter((t) => has(t.assignee));
      if (promote.length === 0) return {};
      await ports.createTasks(s.runId, 'handoff', promote.map((t) => ({ ...t, requester: s.coordinator })));
      const who = promote.map((t) => department.byId.get(t.assignee)!.name).join(' and ');
      await ports.say(
        s.runId,
        'handoff',
        s.coordinator,
        `${quoted(s)} is out. ${who}: over to you — promotion posts for social, and an item for the next newsletter (the tasks are on /dept tasks).`,
        promote.map((t) => t.assignee),
      );
      return {};
    })
    .addEdge(START, 'plan')
    .addEdge('plan', 'keywords')
    .addConditionalEdges('keywords', (s) => (s.outcome ? END : 'draft'), ['draft', END])
    .addConditionalEdges('draft', (s) => (s.outcome ? END : s.revisingFor === 'approval' ? 'approval' : 'review'), ['review', 'approval', END])
    .addConditionalEdges('review', (s) => (s.outcome ? END : s.decision === 'changes' ? 'draft' : 'image'), ['draft', 'image', END])
    .addConditionalEdges('image', (s) => (s.outcome ? END : 'brand'), ['brand', END])
    .addConditionalEdges('brand', (s) => (s.outcome ? END : 'seo_check'), ['seo_check', END])
    .addConditionalEdges('seo_check', (s) => (s.outcome ? END : 'approval'), ['approval', END])
    .addConditionalEdges('approval', (s) => (s.decision === 'approved' ? 'publish' : s.decision === 'rejected' ? END : 'draft'), ['publish', 'draft', END])
    .addEdge('publish', 'handoff')
    .addEdge('handoff', END);
  return graph;
}
