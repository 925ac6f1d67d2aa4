import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Annotation, Command, END, START, StateGraph, interrupt } from '@langchain/langgraph';
import { describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../../src/store/database.js';
import { workflowCheckpointer } from '../../../src/workflows/checkpointer.js';
import { createTestDatabase } from '../../support/database.js';

/** A graph that waits for a person and resumes, checkpointed where the workflows keep theirs. */
async function pauseAndResume(database: Database) {
  const State = Annotation.Root({ asked: Annotation<string>(), answer: Annotation<string>({ reducer: (_a, b) => b, default: () => '' }) });
  const build = async () =>
    new StateGraph(State)
      .addNode('ask', (s) => ({ answer: String(interrupt({ question: s.asked })) }))
      .addEdge(START, 'ask')
      .addEdge('ask', END)
      .compile({ checkpointer: await workflowCheckpointer(database) });
  const config = { configurable: { thread_id: `run-${Date.now()}` } };
  await (await build()).invoke({ asked: 'Publish it?' }, config);
  // A new graph (as after a restart) finds the pause in the database and resumes it.
  const again = await build();
  const paused = await again.getState(config);
  expect(paused.tasks.flatMap((t) => t.interrupts).map((i) => i.value)).toEqual([{ question: 'Publish it?' }]);
  const done = await again.invoke(new Command({ resume: 'yes' }), config);
  expect(done).toEqual({ asked: 'Publish it?', answer: 'yes' });
  expect((await again.getState(config)).next).toEqual([]);
}

describe('workflow checkpoints', () => {
  it('survive a new graph on PostgreSQL', async () => {
    const t = await createTestDatabase();
    const database = await openDatabase({ url: t.url, dataDir: '' });
    try {
      await pauseAndResume(database);
    } finally {
      await database.close();
      await t.drop();
    }
  });

  it('survive a new graph on PGlite, the embedded default', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'dept-pglite-'));
    const database = await openDatabase({ dataDir: dir });
    try {
      await pauseAndResume(database);
    } finally {
      await database.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
