import { Annotation, END, START, StateGraph, interrupt } from '@langchain/langgraph';
import type { Department } from '../department/schema.js';
import { stepHeading } from './step-heading.js';
import { asDecision, asTurn, type WorkflowDraft, type WorkflowPorts } from './workflow-ports.js';

/**
 * Crisis response (seed example 3), led by the CMO: the alert (Market Research) and what our data
 * says (Analytics) at once, the CMO's plan, then the actions in parallel — the public statement
 * (Director of Communications), human-led (L1 in the autonomy policy) so it waits for a person's
 * instructions or approval and is then published, beside the social team's monitoring — joined by
 * the social response in the statement's words and the VP's debrief.
 */
export const CRISIS_WORKFLOW = 'crisis';

export const CRISIS_STEPS = [
  { step: 'alert', agent: 'market_research', label: 'Alert', parallel: 'Assessment' },
  { step: 'data', agent: 'analytics_specialist', label: 'What our data says', parallel: 'Assessment' },
  { step: 'plan_response', agent: 'cmo', label: 'The response plan' },
  { step: 'statement', agent: 'director_of_communications', label: 'Public statement', parallel: 'Actions', drafts: true },
  { step: 'approval', agent: null, label: 'A person decides the statement', parallel: 'Actions' },
  { step: 'monitor', agent: 'social_media_manager', label: 'Monitoring', parallel: 'Actions' },
  { step: 'social_response', agent: 'social_media_manager', label: 'Social response' },
  { step: 'debrief', agent: 'vp_marketing', label: 'Debrief' },
] as const;

export const CrisisState = Annotation.Root({
  runId: Annotation<string>(),
  topic: Annotation<string>(),
  coordinator: Annotation<string>(),
  round: Annotation<number>({ reducer: (_a, b) => b, default: () => 1 }),
  notes: Annotation<string>({ reducer: (_a, b) => b, default: () => '' }),
  current: Annotation<WorkflowDraft | null>({ reducer: (_a, b) => b, default: () => null }),
  decision: Annotation<string | null>({ reducer: (_a, b) => b, default: () => null }),
  approvedBy: Annotation<string | null>({ reducer: (_a, b) => b, default: () => null }),
  outcome: Annotation<string | null>({ reducer: (_a, b) => b, default: () => null }),
});
type State = typeof CrisisState.State;

export function buildCrisisWorkflow(ports: WorkflowPorts, department: Department) {
  const has = (id: string) => department.byId.has(id);
  const step = (i: number) => CRISIS_STEPS[i]!;
  /** Asks a step's agent (skipped when the department has none) and waits for its turn. */
  const ask = async (s: State, i: number, text: string, from?: string) => {
    const { step: name, agent, label } = step(i);
    if (!agent || !has(agent)) return null;
    const waiting = await ports.ask(s.runId, `${name}:${s.round}`, agent, `${stepHeading(label, 'crisis')}\n${text}`, `${label}: ${s.topic}`, from && has(from) ? { from } : undefined);
    return asTurn(interrupt(waiting));
  };

  return new StateGraph(CrisisState)
    .addNode('plan', async (s) => {
      await ports.plan(s.runId);
      return {};
    })
    .addNode('alert', async (s) => {
      await ask(s, 0, `All hands: “${s.topic}”. What happened, how widely it is covered, and what it threatens for us. Facts only; mark what is not confirmed.`);
      return {};
    })
    .addNode('data', async (s) => {
      await ask(s, 1, `What does our data say that matters for “${s.topic}”: why customers choose us, what is at risk. Mark what you cannot get as [DATA NEEDED].`);
      return {};
    })
    .addNode('plan_response', async (s) => {
      // Escalated to the CMO by Market Research, as in the seed ("Market Research → CMO: [URGENT]").
      await ask(s, 2, `We need your response plan for “${s.topic}”: what we do and do not do, and who does what today.`, 'market_research');
      return {};
    })
    .addNode('statement', async (s) => {
      const text = s.current
        ? `Revise the statement (deliverable ${s.current.id}, now v${s.current.version}) as the person said: ${s.notes || 'see above'}. Submit it with submit_deliverable and deliverable_id ${s.current.id}.`
        : `Draft our public statement on “${s.topic}” following the plan above, and submit it with submit_deliverable (content_type crisis_communication). A person decides what it says before it goes out.`;
      const r = await ask(s, 3, text);
      if (!r) return { outcome: 'stopped: no Director of Communications to write the statement' };
      return r.deliverable ? { current: r.deliverable } : { outcome: 'stopped: no statement was submitted' };
    })
    .addNode('approval', async (s) => {
      const d = s.current!;
      const waiting = await ports.askPerson(s.runId, `approval:${s.round}`, { ...d, contentType: 'crisis_communication', author: 'director_of_communications' }, `Decide the statement on “${s.topic}”`);
      if (!waiting) return { decision: 'approved' };
      const r = asDecision(interrupt(waiting));
      if (r.state === 'approved') return { decision: 'approved', approvedBy: r.by };
      if (r.state === 'rejected') return { decision: 'rejected', outcome: `rejected by <@${r.by}>${r.comment ? `: ${r.comment}` : ''}` };
      return { decision: 'changes', notes: r.comment ?? '', round: s.round + 1 };
    })
    .addNode('publish', async (s) => {
      const said = await ports.publish(s.runId, { ...s.current!, contentType: 'crisis_communication', author: 'director_of_communications', approvedBy: s.approvedBy });
      await ports.say(s.runId, 'publish', s.coordinator, said);
      return {};
    })
    .addNode('monitor', async (s) => {
      await ask(s, 5, `While the statement on “${s.topic}” is decided: watch the mentions and the sentiment, and have the response posts ready. Report what you see.`);
      return {};
    })
    .addNode('social_response', async (s) => {
      await ask(s, 6, `The statement on “${s.topic}” is out. Respond on social in its words, and keep watching the sentiment.`);
      return {};
    })
    .addNode('debrief', async (s) => {
      await ask(s, 7, `Debrief of the response to “${s.topic}”: what we did, how it landed, what we watch next.`);
      return { outcome: 'responded' };
    })
    .addEdge(START, 'plan')
    // The alert and the data come in at once; the plan waits for both.
    .addEdge('plan', 'alert')
    .addEdge('plan', 'data')
    .addEdge(['alert', 'data'], 'plan_response')
    // The actions in parallel: the statement (until a person approves it) beside the monitoring.
    .addEdge('plan_response', 'statement')
    .addEdge('plan_response', 'monitor')
    .addConditionalEdges('statement', (s) => (s.outcome ? END : 'approval'), ['approval', END])
    .addConditionalEdges('approval', (s) => (s.decision === 'approved' ? 'publish' : s.decision === 'rejected' ? END : 'statement'), ['publish', 'statement', END])
    .addEdge(['publish', 'monitor'], 'social_response')
    .addEdge('social_response', 'debrief')
    .addEdge('debrief', END);
}
