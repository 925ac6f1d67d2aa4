import { Annotation, END, START, StateGraph, interrupt } from '@langchain/langgraph';
import type { Department } from '../department/schema.js';
import { stepHeading } from './step-heading.js';
import { asTurn, type WorkflowPorts } from './workflow-ports.js';

/**
 * Disagreement resolution (seed 4.3, example 2): each side states its position with its data, the
 * Analytics Specialist brings the numbers, and the shared manager decides — a decision record with
 * the reasoning, the dissent noted and the follow-up actions as tasks (record_decision).
 */
export const DISAGREEMENT_WORKFLOW = 'disagreement';

export const DISAGREEMENT_STEPS = [
  { step: 'position_a', agent: null, label: 'First position' },
  { step: 'position_b', agent: null, label: 'Second position' },
  { step: 'data', agent: 'analytics_specialist', label: 'The data' },
  { step: 'decide', agent: null, label: 'Decision by the shared manager' },
] as const;

export const DisagreementState = Annotation.Root({
  runId: Annotation<string>(),
  topic: Annotation<string>(),
  coordinator: Annotation<string>(),
  /** The two agents who disagree. */
  parties: Annotation<string[]>(),
  /** The decision type of the authority matrix the manager decides under. */
  decisionType: Annotation<string>(),
  positions: Annotation<string[]>({ reducer: (a, b) => a.concat(b), default: () => [] }),
  outcome: Annotation<string | null>({ reducer: (_a, b) => b, default: () => null }),
});
type State = typeof DisagreementState.State;

export function buildDisagreementWorkflow(ports: WorkflowPorts, department: Department) {
  const name = (id: string) => department.byId.get(id)?.name ?? id;
  const ask = async (s: State, key: string, label: string, agent: string, text: string, from?: string) => {
    const waiting = await ports.ask(s.runId, key, agent, `${stepHeading(label, 'disagreement')}\n${text}`, `${label}: ${s.topic}`, from ? { from } : undefined);
    return asTurn(interrupt(waiting));
  };
  const position = (index: 0 | 1, label: string) => async (s: State) => {
    const agent = s.parties[index]!;
    const r = await ask(s, `position_${index === 0 ? 'a' : 'b'}`, label, agent, `On “${s.topic}”: state your position in a few lines, with the data behind it (mark what you lack as [DATA NEEDED]).`);
    return r.status === 'done' ? { positions: [`${name(agent)}: ${r.posts.join(' ')}`] } : { outcome: `stopped: ${name(agent)} could not state a position` };
  };

  return new StateGraph(DisagreementState)
    .addNode('plan', async (s) => {
      await ports.plan(s.runId);
      return {};
    })
    .addNode('position_a', position(0, 'First position'))
    .addNode('position_b', position(1, 'Second position'))
    .addNode('data', async (s) => {
      if (!department.byId.has('analytics_specialist')) return {};
      await ask(s, 'data', 'The data', 'analytics_specialist', `${s.parties.map(name).join(' and ')} disagree on “${s.topic}”. Pull the numbers that settle it (past results, costs, trade-offs); mark what you cannot get as [DATA NEEDED].`);
      return {};
    })
    .addNode('decide', async (s) => {
      const r = await ask(
        s,
        'decide',
        'Decision by the shared manager',
        s.coordinator,
        `We need your decision on “${s.topic}”. Decide it with record_decision (type ${s.decisionType}): the decision, your reasoning from the positions and the data above, the dissent you note, and the follow-up actions (each becomes a task for one of your reports). Then tell both sides in the thread.`,
        // Escalated by one of the sides, as in the seed ("Campaign Manager → VP Marketing: Need your input").
        s.parties[0],
      );
      return { outcome: r.status === 'done' ? 'decided' : `stopped: ${name(s.coordinator)} could not decide` };
    })
    .addEdge(START, 'plan')
    .addEdge('plan', 'position_a')
    .addConditionalEdges('position_a', (s) => (s.outcome ? END : 'position_b'), ['position_b', END])
    .addConditionalEdges('position_b', (s) => (s.outcome ? END : 'data'), ['data', END])
    .addEdge('data', 'decide')
    .addEdge('decide', END);
}
