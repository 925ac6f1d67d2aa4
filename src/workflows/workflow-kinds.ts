import type { BaseCheckpointSaver, CompiledStateGraph } from '@langchain/langgraph';
import type { Department } from '../department/schema.js';
import { buildCampaignWorkflow, CAMPAIGN_WORKFLOW } from './campaign-workflow.js';
import { buildContentWorkflow, CONTENT_WORKFLOW } from './content-workflow.js';
import { buildCrisisWorkflow, CRISIS_WORKFLOW } from './crisis-workflow.js';
import { buildDisagreementWorkflow, DISAGREEMENT_WORKFLOW } from './disagreement-workflow.js';
import type { WorkflowPorts } from './workflow-ports.js';
import type { WorkflowRun } from './workflow-store.js';

type Graph = CompiledStateGraph<any, any, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** A kind of workflow: its compiled graph, and its first state from the run's row. */
export interface CompiledWorkflow {
  graph: Graph;
  input(run: WorkflowRun): Record<string, unknown>;
}

const briefOf = (run: WorkflowRun) => run.brief as { topic: string; contentType?: string };

/** Every workflow the engine runs, by kind (the start_workflow tool's names). */
export function compileWorkflows(ports: WorkflowPorts, department: Department, checkpointer: BaseCheckpointSaver): Record<string, CompiledWorkflow> {
  return {
    [CONTENT_WORKFLOW]: {
      graph: buildContentWorkflow(ports, department).compile({ checkpointer }) as unknown as Graph,
      input: (run) => ({ runId: run.id, topic: briefOf(run).topic, contentType: briefOf(run).contentType ?? 'blog_post', coordinator: run.coordinator }),
    },
    [CAMPAIGN_WORKFLOW]: {
      graph: buildCampaignWorkflow(ports, department).compile({ checkpointer }) as unknown as Graph,
      input: (run) => ({ runId: run.id, topic: briefOf(run).topic, coordinator: run.coordinator }),
    },
    [DISAGREEMENT_WORKFLOW]: {
      graph: buildDisagreementWorkflow(ports, department).compile({ checkpointer }) as unknown as Graph,
      input: (run) => {
        const brief = run.brief as { topic: string; parties: string[]; decisionType: string };
        return { runId: run.id, topic: brief.topic, parties: brief.parties, decisionType: brief.decisionType, coordinator: run.coordinator };
      },
    },
    [CRISIS_WORKFLOW]: {
      graph: buildCrisisWorkflow(ports, department).compile({ checkpointer }) as unknown as Graph,
      input: (run) => ({ runId: run.id, topic: briefOf(run).topic, coordinator: run.coordinator }),
    },
  };
}
