import type Anthropic from '@anthropic-ai/sdk';
import { Annotation } from '@langchain/langgraph';
import type { AutonomyLevel } from '../department/autonomy-schema.js';
import { NO_WORK, type ThreadWork } from './thread-work.js';
import type { CreateTaskInput, EscalateInput, PostMessageInput, RecordDecisionInput, RequestApprovalInput, StartWorkflowInput, SubmitDeliverableInput, UpdateTaskInput } from './tools.js';
import type { TurnStop } from './turn-stop.js';

export type TurnAction =
  | { kind: 'post'; input: PostMessageInput }
  | { kind: 'decline'; reason: string }
  | { kind: 'task'; input: CreateTaskInput }
  | { kind: 'decision'; input: RecordDecisionInput }
  /** A draft or revision, and what the autonomy policy does with it at its level. */
  | { kind: 'deliverable'; input: SubmitDeliverableInput; revises: string | null; version: number; level: AutonomyLevel; viaWorkflow?: boolean }
  | { kind: 'workflow'; input: StartWorkflowInput }
  | { kind: 'approval'; input: RequestApprovalInput; version: number; level: AutonomyLevel }
  | { kind: 'task_update'; input: UpdateTaskInput }
  /** To an agent (the manager) or to a person ('human'). */
  | { kind: 'escalation'; input: EscalateInput; target: string };

/** One model call of a turn, as it will be recorded in llm_calls. */
export interface ModelCallRecord {
  model: string;
  rehearsal: boolean;
  usage: Anthropic.Usage;
  costUsd: number;
  latencyMs: number;
}

const append = <T>() => ({ reducer: (a: T[], b: T[]) => a.concat(b), default: (): T[] => [] });

/** State of one agent turn: the conversation with the model and what the agent decided to do. */
export const TurnState = Annotation.Root({
  messages: Annotation<Anthropic.MessageParam[]>(append<Anthropic.MessageParam>()),
  /** The thread's work records when the turn began: the ids its work tools may name. */
  work: Annotation<ThreadWork>({ reducer: (_a, b) => b, default: () => NO_WORK }),
  actions: Annotation<TurnAction[]>(append<TurnAction>()),
  calls: Annotation<ModelCallRecord[]>(append<ModelCallRecord>()),
  steps: Annotation<number>({ reducer: (_a, b) => b, default: () => 0 }),
  /** Text the model wrote when it ended the turn without calling a tool. */
  finalText: Annotation<string>({ reducer: (_a, b) => b, default: () => '' }),
  /** The last step asks for another model call (a refused tool call, a paused turn, a cut answer). */
  again: Annotation<boolean>({ reducer: (_a, b) => b, default: () => false }),
  /** A call was cut at max_tokens: the next asks with twice the room (once per turn). */
  raisedLimit: Annotation<boolean>({ reducer: (_a, b) => b, default: () => false }),
  /** Why the turn ended without the model finishing, when it did. */
  stop: Annotation<TurnStop | null>({ reducer: (_a, b) => b, default: () => null }),
});

export type TurnStateValue = typeof TurnState.State;
