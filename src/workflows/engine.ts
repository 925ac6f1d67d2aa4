import type { BaseCheckpointSaver, Command } from '@langchain/langgraph';
import type { Logger } from 'pino';
import { errorLine } from '../lib/error-line.js';
import { DriveLease } from './drive-lease.js';
import { enginePorts, type EnginePortDeps } from './engine-ports.js';
import { durationText, planText } from './plan-text.js';
import { resultOf } from './step-results.js';
import { resumeWith, waitsIn, waitsOf, type Wait } from './waits.js';
import { compileWorkflows, type CompiledWorkflow } from './workflow-kinds.js';
import { postOnce } from './workflow-posts.js';
import type { WorkflowRun } from './workflow-store.js';

/** Steps one drive may take before it lets others in (a run never waits on itself this long). */
const MAX_ADVANCES = 50;

export interface WorkflowEngineDeps extends EnginePortDeps {
  checkpointer: BaseCheckpointSaver;
}

/**
 * Drives workflow runs: each is a LangGraph graph checkpointed in Postgres that pauses (interrupt)
 * for an agent's turn or a person's decision. wakeThread() and drive() are called when something a
 * run may wait for happened (a turn in its thread ended, a card was decided) and by the sweeper: the
 * run resumes from its checkpoint, on whichever process calls it, once the records say what it
 * waited for happened. One process drives a run at a time (a lease in its row, renewed while it
 * drives, so a driver that dies holds its runs only for DRIVE_LEASE_MS).
 */
export class WorkflowEngine {
  private readonly graphs: Record<string, CompiledWorkflow>;
  private readonly log: Logger;

  constructor(private readonly deps: WorkflowEngineDeps) {
    this.log = deps.logger.child({ component: 'workflows' });
    const ports = enginePorts(deps);
    this.graphs = compileWorkflows(ports, deps.department, deps.checkpointer);
  }

  get kinds(): string[] {
    return Object.keys(this.graphs);
  }

  /** Something happened in a thread: its live run, if any, moves on if it can. */
  async wakeThread(conversationId: string): Promise<void> {
    const run = await this.deps.runs.liveRun(conversationId);
    if (run) await this.drive(run.id);
  }

  /** Moves a run as far as it can go now; never throws (a failure is logged and the sweeper tries again). */
  async drive(runId: string): Promise<void> {
    const lease = await DriveLease.take(this.deps.runs, runId).catch((err: unknown) => {
      this.log.warn({ run: runId, err: errorLine(err) }, 'workflow could not be taken to move it on; it is tried again later');
      return null;
    });
    if (!lease) return; // another process drives it and will look again
    try {
      do {
        for (let i = 0; i < MAX_ADVANCES && !lease.lost && (await this.advance(runId)); i++);
      } while (!(await lease.release()));
    } catch (err) {
      this.log.error({ run: runId, err: errorLine(err) }, 'workflow could not move on; it is tried again later');
      await lease.release().catch(() => {});
    } finally {
      lease.end();
    }
  }

  /** One move: start the graph, or resume it with what it waited for. False when it cannot move now. */
  private async advance(runId: string): Promise<boolean> {
    const run = await this.deps.runs.get(runId);
    if (!run || (run.status !== 'running' && run.status !== 'waiting')) return false;
    const workflow = this.graphs[run.kind];
    if (!workflow) {
      await this.finish(run, 'failed', `no workflow called "${run.kind}"`);
      return false;
    }
    const { graph } = workflow;
    const config = { configurable: { thread_id: run.id } };
    const before = await graph.getState(config);
    let input: Record<string, unknown> | Command | null;
    if (!before.values || Object.keys(before.values).length === 0) {
      input = workflow.input(run);
    } else if (before.next.length === 0) {
      await this.finishFrom(run, before.values as { outcome?: string | null });
      return false;
    } else {
      // What it waits for, as its checkpoint says: the row may be behind it (its driver died
      // between the pause and recording it). Whatever is ready resumes now; the rest keeps waiting
      // (parallel branches finish in any order).
      const waits = waitsOf(before);
      const results = await Promise.all(waits.map((wait) => resultOf(this.deps.db, run, wait)));
      const ready = waits.flatMap((wait, i) => {
        const result = results[i];
        return result ? [{ wait, result }] : [];
      });
      // A step its driver died in (after the checkpoint before it, before its pause): it runs
      // again, and finds the posts and records it made already by their keys.
      const cutShort = before.tasks.some((t) => t.result === undefined && t.interrupts.length === 0);
      if (ready.length === 0 && !cutShort) {
        if (!sameWaits(waits, waitsIn(run.waiting))) {
          await this.showStatus(await this.deps.runs.waitFor(run.id, waits));
        }
        return false;
      }
      for (const { wait, result } of ready) await this.deps.runs.stepFinished(run.id, wait.key, result.kind === 'turn' ? result.status : result.state);
      input = ready.length > 0 ? resumeWith(ready) : null;
      if (cutShort) this.log.info({ run: run.id, steps: before.next }, 'workflow step cut short (its driver stopped): running it again');
    }
    await graph.invoke(input, config);
    const after = await graph.getState(config);
    if (after.next.length === 0) {
      await this.finishFrom(run, after.values as { outcome?: string | null });
      return false;
    }
    const waits = waitsOf(after);
    if (waits.length === 0) throw new Error(`workflow ${run.id} paused without saying what it waits for`);
    await this.showStatus(await this.deps.runs.waitFor(run.id, waits));
    return true;
  }

  private async finishFrom(run: WorkflowRun, values: { outcome?: string | null }): Promise<void> {
    const outcome = values.outcome ?? 'done';
    const status = /^(rejected|stopped)\b/.test(outcome) ? 'stopped' : 'done';
    await this.finish(run, status, outcome);
  }

  /** Ends a run: its status line says how, and its thread gets the time and cost it took. */
  private async finish(before: WorkflowRun, status: 'done' | 'stopped' | 'failed', outcome: string): Promise<void> {
    await this.deps.runs.finish(before.id, status, outcome);
    const run = (await this.deps.runs.get(before.id)) ?? before; // it may have moved to its own thread meanwhile
    const t = await this.deps.runs.totals(run.id);
    const totals = `${durationText(t.seconds)}, ${t.modelCalls} model call${t.modelCalls === 1 ? '' : 's'}, $${t.costUsd.toFixed(2)}`;
    await postOnce(this.deps, {
      runId: run.id, key: 'summary', conversationId: run.conversationId, channelId: run.channelId, threadTs: run.threadTs, agentId: run.coordinator,
      text: `*Workflow ${status === 'done' ? 'done' : 'stopped'}:* ${outcome}. It took ${totals}.`, mentions: [], type: 'status_update',
    });
    await this.showStatus(run, totals);
    this.log.info({ run: run.id, kind: run.kind, status, outcome, ...t }, 'workflow finished');
  }

  /** Rewrites the plan message with where the run is now. */
  private async showStatus(run: WorkflowRun | null, totals?: string): Promise<void> {
    if (!run?.statusTs) return;
    const finished = (await this.deps.runs.steps(run.id)).filter((s) => s.finishedAt).map((s) => s.step);
    await this.deps.poster
      .updateAgentMessage({ agentId: run.coordinator, channelId: run.channelId, ts: run.statusTs, text: planText(run, this.deps.department, finished, totals) })
      .catch((err: unknown) => this.log.warn({ run: run.id, err: errorLine(err) }, 'workflow status line could not be updated'));
  }
}

/** The same waits (by step key), in any order. */
function sameWaits(a: Wait[], b: Wait[]): boolean {
  const keys = (ws: Wait[]) => ws.map((w) => `${w.kind}:${w.key}`).sort().join('|');
  return keys(a) === keys(b);
}
