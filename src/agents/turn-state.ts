import type Anthropic from '@anthropic-ai/sdk';
import { Annotation } from '@langchain/langgraph';
import type { CreateTaskInput, PostMessageInput, RecordDecisionInput } from './tools.js';
import type { TurnStop } from './turn-stop.js';

export type TurnAction =
  | { kind: 'post'; input: PostMessageInput }
  | { kind: 'decline'; reason: string }
  | { kind: 'task'; input: CreateTaskInput }
  | { kind: 'decision'; input: RecordDecisionInput };

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
