import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Annotation, END, START, StateGraph, interrupt } from '@langchain/langgraph';
import { describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../../src/store/database.js';
import { workflowCheckpointer } from '../../../src/workflows/checkpointer.js';
import { resumeWith, waitsOf } from '../../../src/workflows/waits.js';
import { createTestDatabase } from '../../support/database.js';

/**
 * Parallel branches waiting at once, checkpointed where the workflows keep theirs: each resume is
 * made by a new graph (as after a restart, or on another process), answers one branch by its
 * interrupt id, and the others are still waiting at theirs; the join runs after the last.
 */
async function tracksAcrossRestarts(database: Database) {
  const State = Annotation.Root({ done: Annotation<string[]>({ reducer: (a, b) => [...a, ...b], default: () => [] }), joined: Annotation<boolean>({ reducer: (_a, b) => b, default: () => false }) });
  const track = (step: string) => () => ({ done: [`${step}:${String(interrupt({ kind: 'turn', deliveryId: `dlv_${step}`, step, key: `${step}:1`, agent: step }))}`] });
  const build = async () =>
    new StateGraph(State)
      .addNode('content', track('content'))
      .addNode('email', track('email'))
      .addNode('social', track('social'))
      .addNode('review', () => ({ joined: true }))
      .addEdge(START, 'content')
      .addEdge(START, 'email')
      .addEdge(START, 'social')
      .addEdge(['content', 'email', 'social'], 'review')
      .addEdge('review', END)
      .compile({ checkpointer: await workflowCheckpointer(database) });
  const config = { configurable: { thread_id: `run-${Date.now()}` } };
  await (await build()).invoke({}, config);
  const answer = async (steps: string[]) => {
    const graph = await build();
    const ready = waitsOf(await graph.getState(config)).filter((w) => steps.includes(w.step)).map((wait) => ({ wait, result: 'ok' }));
    expect(ready).toHaveLength(steps.length);
    await graph.invoke(resumeWith(ready) as Parameters<typeof graph.invoke>[0], config);
    return graph.getState(config);
  };
  let state = await answer(['email']);
  expect(waitsOf(state).map((w) => w.step).sort()).toEqual(['content', 'social']);
  expect(state.values.joined).toBe(false);
  state = await answer(['social']);
  expect(waitsOf(state).map((w) => w.step)).toEqual(['content']);
  state = await answer(['content']);
  expect(state.next).toEqual([]);
  expect(state.values.done.sort()).toEqual(['content:ok', 'email:ok', 'social:ok']);
  expect(state.values.joined).toBe(true);
}

describe('parallel waits', () => {
  it('resume one branch at a time across new graphs on PostgreSQL', async () => {
    const t = await createTestDatabase();
    const database = await openDatabase({ url: t.url, dataDir: '' });
    try {
      await tracksAcrossRestarts(database);
    } finally {
      await database.close();
      await t.drop();
    }
  });

  it('and on PGlite, the embedded default', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'dept-pglite-'));
    const database = await openDatabase({ dataDir: dir });
    try {
      await tracksAcrossRestarts(database);
    } finally {
      await database.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
