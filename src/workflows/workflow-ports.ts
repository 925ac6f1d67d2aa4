import type { DecisionResult, TurnResult } from './step-results.js';
import type { WaitingFor } from './workflow-store.js';

/** A deliverable as a workflow follows it from draft to publication. */
export interface WorkflowDraft {
  id: string;
  version: number;
  title: string;
}

export interface AskOptions {
  /** Who asks (the coordinator by default). */
  from?: string;
  /** The request's protocol type: by default a task from the coordinator, a review request from anyone else. */
  type?: 'task_assignment' | 'review_request';
}

/**
 * What a workflow graph's nodes do to the world, each idempotent under its key (a node re-runs
 * when its run resumes, and after a crash): the graph decides, the ports act.
 */
export interface WorkflowPorts {
  /** Posts the run's plan as its coordinator (the status line the run keeps up to date). */
  plan(runId: string): Promise<void>;
  /** Asks an agent for a step in the thread (as `from`, the coordinator by default); what to wait for. */
  ask(runId: string, key: string, agentId: string, text: string, subject: string, opts?: AskOptions): Promise<WaitingFor>;
  /** Says something in the thread as an agent, asking the agents mentioned to act. */
  say(runId: string, key: string, agentId: string, text: string, mentions?: string[]): Promise<void>;
  /** A person's approval (or, for human-led work, instructions) of a draft, at its content type's level; null when the level needs none (L4). */
  askPerson(runId: string, key: string, draft: WorkflowDraft & { contentType: string; author: string }, summary: string): Promise<WaitingFor | null>;
  /** Publishes an approved draft; the sentence that says where it went. */
  publish(runId: string, draft: WorkflowDraft & { contentType: string; author: string; approvedBy: string | null }): Promise<string>;
  /** Records tasks for agents (their hand-offs), once. */
  createTasks(runId: string, key: string, tasks: { title: string; assignee: string; requester: string }[]): Promise<void>;
}

/** The value a node's interrupt() resumes with. */
export const asTurn = (r: unknown) => r as TurnResult;
export const asDecision = (r: unknown) => r as DecisionResult;
