import { Annotation, END, MemorySaver, START, StateGraph, interrupt } from '@langchain/langgraph';
import { describe, expect, it } from 'vitest';
import { resumeWith, waitsOf, type Wait } from '../../../src/workflows/waits.js';

/**
 * The engine's multi-wait resume on a real LangGraph graph: three parallel branches each pause at
 * an interrupt; answering them one at a time by interrupt id moves only that branch, keeps the
 * others waiting at the same ids, and the join runs once, after the last answer.
 */
const State = Annotation.Root({
  done: Annotation<string[]>({ reducer: (a, b) => [...a, ...b], default: () => [] }),
  joinedWith: Annotation<string[] | null>({ reducer: (_a, b) => b, default: () => null }),
});

const track = (name: string) => async () => {
  const answer = interrupt({ kind: 'turn', deliveryId: `dlv_${name}`, step: name, key: `${name}:1`, agent: name }) as string;
  return { done: [`${name}:${answer}`] };
};

function graph() {
  let joins = 0;
  const g = new StateGraph(State)
    .addNode('a', track('a'))
    .addNode('b', track('b'))
    .addNode('c', track('c'))
    .addNode('join', (s) => (joins++, { joinedWith: [...s.done].sort() }))
    .addEdge(START, 'a')
    .addEdge(START, 'b')
    .addEdge(START, 'c')
    .addEdge(['a', 'b', 'c'], 'join')
    .addEdge('join', END)
    .compile({ checkpointer: new MemorySaver() });
  return { g, joins: () => joins };
}

describe('waiting for several interrupts at once', () => {
  it('resumes each branch by its interrupt id, keeps the rest waiting, and joins after the last', async () => {
    const { g, joins } = graph();
    const config = { configurable: { thread_id: 'run-1' } };
    await g.invoke({}, config);
    let waits = waitsOf(await g.getState(config));
    expect(waits.map((w) => w.step).sort()).toEqual(['a', 'b', 'c']);
    expect(waits.every((w) => typeof w.interruptId === 'string')).toBe(true);
    const ids = Object.fromEntries(waits.map((w) => [w.step, w.interruptId]));

    const answer = async (steps: string[]) => {
      const ready = waits.filter((w) => steps.includes(w.step)).map((wait: Wait) => ({ wait, result: `ok-${wait.step}` }));
      await g.invoke(resumeWith(ready) as Parameters<typeof g.invoke>[0], config);
      waits = waitsOf(await g.getState(config));
    };

    await answer(['b']);
    expect(waits.map((w) => w.step).sort()).toEqual(['a', 'c']);
    // The branches still waiting pause again at the same ids, so a later answer finds them.
    expect(waits.map((w) => w.interruptId).sort()).toEqual([ids.a, ids.c].sort());
    expect((await g.getState(config)).values.done).toEqual(['b:ok-b']);
    expect(joins()).toBe(0);

    await answer(['a', 'c']); // two ready at once resume together
    expect(waits).toEqual([]);
    const end = await g.getState(config);
    expect(end.next).toEqual([]);
    expect(end.values.joinedWith).toEqual(['a:ok-a', 'b:ok-b', 'c:ok-c']);
    expect(joins()).toBe(1);
  });

  it('a lone wait without an interrupt id (a row saved before lists) resumes the plain way', () => {
    const cmd = resumeWith([{ wait: { kind: 'approval', requestId: 'apr_1', step: 'approval', key: 'approval:1' }, result: { state: 'approved' } }]);
    expect(cmd.resume).toEqual({ state: 'approved' });
    const byId = resumeWith([{ wait: { kind: 'approval', requestId: 'apr_1', step: 'approval', key: 'approval:1', interruptId: 'abc' }, result: 1 }]);
    expect(byId.resume).toEqual({ abc: 1 });
  });
});
