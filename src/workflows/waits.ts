import { Command } from '@langchain/langgraph';
import type { WaitingFor } from './workflow-store.js';

/**
 * What a paused run waits for, as a list: parallel branches pause at several interrupts at once
 * (a run resumes each as soon as its own answer is there, the others keep waiting). Each carries
 * its LangGraph interrupt id, which is how one resume addresses it among the others.
 */
export type Wait = WaitingFor & { interruptId?: string };

/** Every interrupt a paused graph's state waits at (a task already resumed keeps its old interrupt beside its result: skipped). */
export function waitsOf(state: { tasks: readonly { interrupts?: readonly { id?: string; value?: unknown }[]; result?: unknown }[] }): Wait[] {
  return state.tasks
    .filter((t) => t.result === undefined)
    .flatMap((t) => t.interrupts ?? [])
    .map((i) => ({ ...(i.value as WaitingFor), ...(i.id ? { interruptId: i.id } : {}) }));
}

/** A run row's `waiting` as a list: rows written before runs could wait for several things hold one object. */
export function waitsIn(waiting: unknown): Wait[] {
  if (!waiting) return [];
  return (Array.isArray(waiting) ? waiting : [waiting]) as Wait[];
}

/**
 * The resume of the waits that are ready: by interrupt id (LangGraph's map form), so the tasks
 * whose answers are not in yet interrupt again at the same ids and keep waiting. A lone wait saved
 * without an id (an older row) resumes the plain way.
 */
export function resumeWith(ready: { wait: Wait; result: unknown }[]): Command {
  const [only] = ready;
  if (ready.length === 1 && !only!.wait.interruptId) return new Command({ resume: only!.result });
  return new Command({ resume: Object.fromEntries(ready.map((r) => [r.wait.interruptId!, r.result])) });
}
