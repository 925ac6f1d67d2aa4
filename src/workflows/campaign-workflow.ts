import { Annotation, END, START, StateGraph, interrupt } from '@langchain/langgraph';
import type { Department } from '../department/schema.js';
import { CAMPAIGN_REQUESTS as ask } from './campaign-requests.js';
import { stepHeading } from './step-heading.js';
import { asDecision, asTurn, type AskOptions, type WorkflowDraft, type WorkflowPorts } from './workflow-ports.js';
import type { WaitingFor } from './workflow-store.js';

/**
 * The campaign launch workflow (seed 5.2, example 2) as a LangGraph graph: Analytics and Market
 * Research give their input (in parallel) → the Campaign Manager proposes the strategy → the VP
 * reviews it → a person gives their input at strategic_campaign's level → the content, email and
 * social tracks run in parallel and join → the Campaign Manager reviews them together, sending a
 * track back to its owner for a revision where it requests changes → a person's final approval →
 * the launch checklist and a task for each track's owner.
 */
export const CAMPAIGN_WORKFLOW = 'campaign';
export const MAX_STRATEGY_ROUNDS = 2;
/** Combined reviews: the first may send tracks back for one revision, the second goes to the person as it is. */
export const MAX_TRACK_ROUNDS = 2;
/** The strategy's kind of content: its level (L2 in the seed's policy) governs both of a person's decisions. */
export const STRATEGY_TYPE = 'strategic_campaign';

/** Who does each step; `parallel` names the steps that run at once (shown together in the plan); `optional` ones show only once they happen. */
export const CAMPAIGN_STEPS = [
  { step: 'analytics', agent: 'analytics_specialist', label: 'Analytics input', parallel: 'Input' },
  { step: 'research', agent: 'market_research', label: 'Market research input', parallel: 'Input' },
  { step: 'strategy', agent: 'campaign_manager', label: 'Strategy proposal', drafts: true },
  { step: 'vp_review', agent: 'vp_marketing', label: 'Strategy review' },
  { step: 'strategy_approval', agent: null, label: 'Strategy approval' },
  { step: 'content', agent: 'copywriter', label: 'Campaign content', parallel: 'Tracks', drafts: true },
  { step: 'email', agent: 'email_specialist', label: 'Campaign email', parallel: 'Tracks', drafts: true },
  { step: 'social', agent: 'social_media_manager', label: 'Social posts', parallel: 'Tracks', drafts: true },
  { step: 'combined_review', agent: 'campaign_manager', label: 'Combined review' },
  { step: 'final_approval', agent: null, label: 'Final approval' },
  { step: 'address', agent: 'campaign_manager', label: 'Changes before launch', optional: true },
  { step: 'launch', agent: 'campaign_manager', label: 'Launch checklist' },
  { step: 'go_live', agent: 'campaign_manager', label: 'Go live: a task for each track' },
] as const;
type Step = (typeof CAMPAIGN_STEPS)[number];
const stepOf = (name: Step['step']) => CAMPAIGN_STEPS.find((s) => s.step === name)!;

/** The three tracks, each an agent's deliverable of its kind (blog and email are L3, social posts L4 on their own). */
export const TRACKS = [
  { step: 'content', contentType: 'blog_post', task: 'Publish the campaign content' },
  { step: 'email', contentType: 'campaign_email', task: 'Activate the campaign email' },
  { step: 'social', contentType: 'daily_social_post', task: 'Start the social promotion' },
] as const;

const last = <T>(_a: T, b: T) => b;
export const CampaignState = Annotation.Root({
  runId: Annotation<string>(),
  topic: Annotation<string>(),
  coordinator: Annotation<string>(),
  round: Annotation<number>({ reducer: last, default: () => 1 }),
  finalRound: Annotation<number>({ reducer: last, default: () => 1 }),
  notes: Annotation<string>({ reducer: last, default: () => '' }),
  /** (Channel names differ from node names: LangGraph keeps them apart.) */
  analyticsInput: Annotation<string>({ reducer: last, default: () => '' }),
  researchInput: Annotation<string>({ reducer: last, default: () => '' }),
  /** The strategy deliverable: both of a person's decisions are on it. */
  proposal: Annotation<WorkflowDraft | null>({ reducer: last, default: () => null }),
  /** After a person's changes the revised strategy goes straight back to them, not through the VP again. */
  revisingFor: Annotation<'review' | 'approval'>({ reducer: last, default: () => 'review' }),
  decision: Annotation<string | null>({ reducer: last, default: () => null }),
  /** Each track's deliverable; the parallel branches write their own key. */
  tracks: Annotation<Record<string, WorkflowDraft>>({ reducer: (a, b) => ({ ...a, ...b }), default: () => ({}) }),
  combinedReview: Annotation<string>({ reducer: last, default: () => '' }),
  trackRound: Annotation<number>({ reducer: last, default: () => 1 }),
  /** The tracks the combined review sent back, with what to change; revised one at a time. */
  toRevise: Annotation<Record<string, string>>({ reducer: last, default: () => ({}) }),
  approvedBy: Annotation<string | null>({ reducer: last, default: () => null }),
  /** launched, rejected, or why it stopped (the first branch to stop says it). */
  outcome: Annotation<string | null>({ reducer: (a, b) => a ?? b, default: () => null }),
});
export type CampaignStateValue = typeof CampaignState.State;

export function buildCampaignWorkflow(ports: WorkflowPorts, department: Department) {
  const has = (agent: string) => department.byId.has(agent);
  const nameOf = (agent: string) => department.byId.get(agent)?.name ?? agent;
  const vp = (s: CampaignStateValue) => (has('vp_marketing') ? 'vp_marketing' : s.coordinator);

  /** Asks the step's agent, waits for its turn, and hands the result to `then`; a stopped run asks nobody. */
  const agentStep =
    (name: Step['step'], request: (s: CampaignStateValue) => string, then: (s: CampaignStateValue, r: ReturnType<typeof asTurn>) => Partial<CampaignStateValue>, opts?: (s: CampaignStateValue) => AskOptions) =>
    async (s: CampaignStateValue): Promise<Partial<CampaignStateValue>> => {
      const step = stepOf(name);
      if (s.outcome || !step.agent || !has(step.agent)) return {};
      const key = `${step.step}:${name === 'address' ? s.finalRound : name === 'combined_review' ? s.trackRound : s.round}`;
      const waiting: WaitingFor = await ports.ask(s.runId, key, step.agent, `${stepHeading(step.label, CAMPAIGN_WORKFLOW)}\n${request(s)}`, `${step.label}: ${s.topic}`, opts?.(s));
      const result = asTurn(interrupt(waiting));
      if (result.status !== 'done') return { outcome: `stopped: ${nameOf(step.agent)} could not do the ${step.label.toLowerCase()} (${result.outcome ?? result.status})` };
      return then(s, result);
    };

  /** A person's decision on the strategy (its key names the round); approved, changes or rejected. */
  const personStep = (name: 'strategy_approval' | 'final_approval', summary: (s: CampaignStateValue) => string, round: (s: CampaignStateValue) => number) => async (s: CampaignStateValue): Promise<Partial<CampaignStateValue>> => {
    if (s.outcome) return {};
    const waiting = await ports.askPerson(s.runId, `${name}:${round(s)}`, { ...s.proposal!, contentType: STRATEGY_TYPE, author: 'campaign_manager' }, summary(s));
    if (!waiting) return { decision: 'approved', approvedBy: null };
    const r = asDecision(interrupt(waiting));
    if (r.state === 'approved') return { decision: 'approved', approvedBy: r.by };
    if (r.state === 'rejected') return { decision: 'rejected', outcome: `rejected by <@${r.by}>${r.comment ? `: ${r.comment}` : ''}` };
    return { decision: 'changes', notes: r.comment ?? '' };
  };

  const track = (t: (typeof TRACKS)[number]) =>
    agentStep(t.step, (s) => ask[t.step](s, t.contentType), (s, r) => (r.deliverable ? { tracks: { [t.step]: r.deliverable } } : { outcome: `stopped: no ${stepOf(t.step).label.toLowerCase()} was submitted for “${s.topic}”` }));

  const graph = new StateGraph(CampaignState)
    .addNode('plan', async (s) => {
      await ports.plan(s.runId);
      return {};
    })
    .addNode('analytics', agentStep('analytics', ask.analytics, (_s, r) => ({ analyticsInput: r.posts.join('\n') })))
    .addNode('research', agentStep('research', ask.research, (_s, r) => ({ researchInput: r.posts.join('\n') })))
    .addNode(
      'strategy',
      // The VP asks for the strategy, as in the seed ("Target: 100 MQLs, Budget: $10K").
      agentStep('strategy', ask.strategy, (s, r) => (r.deliverable ? { proposal: r.deliverable } : { outcome: `stopped: the Campaign Manager submitted no strategy for “${s.topic}”` }), (s) => ({ from: vp(s), type: 'task_assignment' })),
    )
    .addNode(
      'vp_review',
      agentStep(
        'vp_review',
        ask.vpReview,
        (s, r) => (r.review && !r.review.approved && s.round < MAX_STRATEGY_ROUNDS ? { notes: r.review.comment, round: s.round + 1, decision: 'changes' } : { decision: 'reviewed' }),
        () => ({ type: 'review_request' }),
      ),
    )
    .addNode(
      'strategy_approval',
      personStep('strategy_approval', (s) => `Your input on the campaign strategy for “${s.topic}” before the content, email and social tracks start`, (s) => s.round),
    )
    .addNode('revise_for_person', (s) => ({ round: s.round + 1, revisingFor: 'approval' as const }))
    .addNode('content', track(TRACKS[0]))
    .addNode('email', track(TRACKS[1]))
    .addNode('social', track(TRACKS[2]))
    .addNode(
      'combined_review',
      agentStep('combined_review', ask.combinedReview, (s, r) => ({ combinedReview: r.posts.join('\n'), toRevise: s.trackRound < MAX_TRACK_ROUNDS ? sentBack(r.reviews) : {} }), (s) => ({ from: vp(s), type: 'review_request' })),
    )
    .addNode('revise_track', async (s) => {
      const t = TRACKS.find((x) => x.step in s.toRevise);
      if (s.outcome || !t) return {};
      const { label } = stepOf(t.step);
      const agent = stepOf(t.step).agent as string;
      const { [t.step]: comment, ...rest } = s.toRevise;
      // Keyed apart from the track's first draft (`email:1`): a revision is a step of its own.
      const waiting = await ports.ask(s.runId, `${t.step}:rev${s.trackRound}`, agent, `${stepHeading(label, CAMPAIGN_WORKFLOW)}\n${ask.trackRevision(s, t.step, comment ?? '')}`, `${label} (revision): ${s.topic}`, { from: 'campaign_manager', type: 'task_assignment' });
      const r = asTurn(interrupt(waiting));
      if (r.status !== 'done') return { outcome: `stopped: ${nameOf(agent)} could not revise the ${label.toLowerCase()} (${r.outcome ?? r.status})` };
      const revised = r.deliverable && r.deliverable.id === s.tracks[t.step]?.id ? { tracks: { [t.step]: r.deliverable } } : {};
      return { ...revised, toRevise: rest, ...(Object.keys(rest).length === 0 ? { trackRound: s.trackRound + 1 } : {}) };
    })
    .addNode(
      'final_approval',
      personStep('final_approval', (s) => `Launch the campaign “${s.topic}”: the strategy (v${s.proposal?.version}), ${trackList(s)}, reviewed together by the Campaign Manager (all in the thread)`, (s) => s.finalRound),
    )
    .addNode('address', agentStep('address', ask.address, (s) => ({ finalRound: s.finalRound + 1 }), (s) => ({ from: vp(s), type: 'task_assignment' })))
    .addNode('launch', agentStep('launch', ask.launch, () => ({}), (s) => ({ from: vp(s), type: 'task_assignment' })))
    .addNode('go_live', async (s) => {
      const owners = TRACKS.map((t) => ({ assignee: stepOf(t.step).agent as string, title: `${t.task}: ${s.topic}` })).filter((t) => has(t.assignee));
      await ports.createTasks(s.runId, 'go_live', owners.map((t) => ({ ...t, requester: s.coordinator })));
      // Named, not mentioned: the tasks carry the work, so nobody is asked for a turn here.
      const who = owners.map((t) => `${nameOf(t.assignee)}: ${t.title.split(':')[0]!.toLowerCase()}`).join('; ');
      await ports.say(s.runId, 'go_live', s.coordinator, `:rocket: *Go live:* “${s.topic}” is approved${s.approvedBy ? ` by <@${s.approvedBy}>` : ''}. ${who} (the tasks are on /dept tasks).`);
      return { outcome: 'launched' };
    })
    .addEdge(START, 'plan')
    // Analytics and Market Research work at once; the strategy waits for both.
    .addEdge('plan', 'analytics')
    .addEdge('plan', 'research')
    .addEdge(['analytics', 'research'], 'strategy')
    .addConditionalEdges('strategy', (s) => (s.outcome ? END : s.revisingFor === 'approval' ? 'strategy_approval' : 'vp_review'), ['vp_review', 'strategy_approval', END])
    .addConditionalEdges('vp_review', (s) => (s.outcome ? END : s.decision === 'changes' ? 'strategy' : 'strategy_approval'), ['strategy', 'strategy_approval', END])
    .addConditionalEdges(
      'strategy_approval',
      // Approved: the three tracks start together (a fan-out), and join at the combined review.
      (s) => (s.outcome ? END : s.decision === 'approved' ? TRACKS.map((t) => t.step) : 'revise_for_person'),
      ['content', 'email', 'social', 'revise_for_person', END],
    )
    .addEdge('revise_for_person', 'strategy')
    .addEdge(['content', 'email', 'social'], 'combined_review')
    .addConditionalEdges('combined_review', (s) => (s.outcome ? END : Object.keys(s.toRevise).length > 0 ? 'revise_track' : 'final_approval'), ['revise_track', 'final_approval', END])
    // One track after another, then the combined review looks at them all again.
    .addConditionalEdges('revise_track', (s) => (s.outcome ? END : Object.keys(s.toRevise).length > 0 ? 'revise_track' : 'combined_review'), ['revise_track', 'combined_review', END])
    .addConditionalEdges('final_approval', (s) => (s.outcome ? END : s.decision === 'approved' ? 'launch' : 'address'), ['launch', 'address', END])
    .addConditionalEdges('address', (s) => (s.outcome ? END : 'final_approval'), ['final_approval', END])
    .addConditionalEdges('launch', (s) => (s.outcome ? END : 'go_live'), ['go_live', END])
    .addEdge('go_live', END);
  return graph;
}

/** The tracks whose owner the combined review asked for changes, with what to change. */
const sentBack = (reviews: ReturnType<typeof asTurn>['reviews']): Record<string, string> =>
  Object.fromEntries(
    TRACKS.flatMap((t) => {
      const verdict = reviews.find((r) => r.author === stepOf(t.step).agent);
      return verdict && !verdict.approved ? [[t.step, verdict.comment]] : [];
    }),
  );

/** The tracks' deliverables as the final approval names them. */
const trackList = (s: CampaignStateValue) =>
  TRACKS.map((t) => s.tracks[t.step])
    .filter((d): d is WorkflowDraft => !!d)
    .map((d) => `“${d.title}” v${d.version}`)
    .join(', ');
