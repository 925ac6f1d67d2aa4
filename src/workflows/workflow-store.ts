import { and, asc, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../store/database.js';
import { rowsOf } from '../store/rows.js';
import { threadOpeningCtes } from '../store/thread-opening-statement.js';
import type { Wait } from './waits.js';
import { workflowRuns, workflowSteps } from './workflow-schema.js';

export type WorkflowRun = typeof workflowRuns.$inferSelect;
/** What a paused run waits for (its interrupt's value); `key` names the step and round. */
export type WaitingFor =
  | { kind: 'turn'; deliveryId: string; step: string; key: string; agent: string }
  | { kind: 'approval'; requestId: string; step: string; key: string }
  | { kind: 'escalation'; escalationId: string; step: string; key: string };

const LIVE = ['running', 'waiting'] as const;

/** The workflow runs' rows: what each waits for, who drives it, its steps. */
export class WorkflowStore {
  constructor(private readonly db: Db) {}

  /** A new run; null when the thread already has a live one (one run per thread). */
  async create(run: Pick<WorkflowRun, 'id' | 'kind' | 'conversationId' | 'channelId' | 'threadTs' | 'coordinator' | 'brief'>): Promise<WorkflowRun | null> {
    const [row] = await this.db.insert(workflowRuns).values(run).onConflictDoNothing().returning();
    return row ?? null;
  }

  async get(id: string): Promise<WorkflowRun | null> {
    const [row] = await this.db.select().from(workflowRuns).where(eq(workflowRuns.id, id));
    return row ?? null;
  }

  async liveRun(conversationId: string): Promise<WorkflowRun | null> {
    const [row] = await this.db.select().from(workflowRuns).where(and(eq(workflowRuns.conversationId, conversationId), inArray(workflowRuns.status, [...LIVE])));
    return row ?? null;
  }

  /**
   * Takes the run to drive it, or else asks its driver to look again — in one statement, so a
   * driver releasing it at that moment either sees the wake or leaves the run free to take. The
   * lease is the time it runs out, as Postgres writes it (to the microsecond): renew() and
   * release() act only while it is still that, so a driver that lost the run to another (it
   * paused past its lease) cannot end or extend the other's.
   */
  async lease(id: string, ms: number): Promise<string | null> {
    const [row] = rowsOf<{ took: boolean; until: string | null }>(
      await this.db.execute(sql`
        with r as (
          select id, (driving_until is null or driving_until < now()) as free
          from workflow_runs where id = ${id} and status in ('running', 'waiting')
          for update
        )
        update workflow_runs w
        set driving_until = case when r.free then now() + make_interval(secs => ${ms / 1000}) else w.driving_until end,
            wake_requested = not r.free
        from r where w.id = r.id
        returning r.free as took, w.driving_until::text as until`),
    );
    return row?.took ? row.until : null;
  }

  /** Keeps the lease `held` for another `ms`: the new lease, or null when the run is no longer this driver's. */
  async renew(id: string, held: string, ms: number): Promise<string | null> {
    const [row] = rowsOf<{ until: string }>(
      await this.db.execute(sql`
        update workflow_runs set driving_until = now() + make_interval(secs => ${ms / 1000})
        where id = ${id} and driving_until = ${held}::timestamptz
        returning driving_until::text as until`),
    );
    return row?.until ?? null;
  }

  /**
   * Gives the run back; false when a wake was asked for meanwhile (the driver keeps it and looks
   * again). True as well when the lease is no longer `held` (the run finished, or another driver
   * took it over): there is nothing to give back.
   *
   * A released run's lease is set to a moment just past (not null), which lease() and undriven()
   * take as free just the same, and which puts it behind the runs the sweeper has not yet looked
   * at (see undriven). A second back, not now(): a lease() statement that began a moment before
   * this one and waited on the row compares with its own, earlier now(), and must still see the
   * run free rather than held and ask for a wake nobody answers.
   */
  async release(id: string, held: string): Promise<boolean> {
    const mine = and(eq(workflowRuns.id, id), sql`${workflowRuns.drivingUntil} = ${held}::timestamptz`);
    const rows = await this.db.update(workflowRuns).set({ drivingUntil: sql`now() - interval '1 second'` }).where(and(mine, eq(workflowRuns.wakeRequested, false))).returning({ id: workflowRuns.id });
    if (rows.length > 0) return true;
    const woken = await this.db.update(workflowRuns).set({ wakeRequested: false }).where(mine).returning({ id: workflowRuns.id });
    return woken.length === 0;
  }

  /** What the run waits for now, all of it (parallel branches wait at once); step and holder list each, comma-separated. */
  /** The run as it is now (null if it is gone). */
  async waitFor(id: string, waits: Wait[]): Promise<WorkflowRun | null> {
    const list = (xs: string[]) => [...new Set(xs)].join(',');
    const step = list(waits.map((w) => w.step));
    const holder = list(waits.map((w) => (w.kind === 'turn' ? w.agent : 'human')));
    const [row] = await this.db.update(workflowRuns).set({ status: 'waiting', waiting: waits, step, holder }).where(eq(workflowRuns.id, id)).returning();
    return row ?? null;
  }

  /** The step it is at now, said before its agent is asked (the agent's turn reads it). */
  async atStep(id: string, step: string, holder: string | null): Promise<void> {
    await this.db.update(workflowRuns).set({ step, holder }).where(eq(workflowRuns.id, id));
  }

  /**
   * Moves a run to a thread it started elsewhere (a crisis's all-hands thread): the thread's
   * conversation, its first message (the plan, the run's status line), and the run's place.
   */
  async moveToThread(id: string, to: { channelId: string; threadTs: string; agentId: string; text: string }): Promise<void> {
    await this.db.execute(sql`
      ${threadOpeningCtes({ channelId: to.channelId, ts: to.threadTs, agentId: to.agentId, text: to.text })}
      update workflow_runs set conversation_id = (select id from c), channel_id = ${to.channelId}, thread_ts = ${to.threadTs}, status_ts = ${to.threadTs}
      where id = ${id}`);
  }

  async setStatusTs(id: string, ts: string): Promise<void> {
    await this.db.update(workflowRuns).set({ statusTs: ts }).where(eq(workflowRuns.id, id));
  }

  async finish(id: string, status: 'done' | 'stopped' | 'failed', outcome: string): Promise<void> {
    await this.db.update(workflowRuns).set({ status, outcome, waiting: null, holder: null, finishedAt: sql`now()`, drivingUntil: null }).where(eq(workflowRuns.id, id));
  }

  /**
   * Live runs nobody drives: the sweeper wakes them (a crashed driver, a missed wake). Those never
   * driven first, then the one given back longest ago: with more than `limit` live runs, each sweep
   * reaches the next ones rather than the same oldest ones again (release() dates each run it gives back).
   */
  async undriven(limit = 50): Promise<WorkflowRun[]> {
    return this.db
      .select()
      .from(workflowRuns)
      .where(and(inArray(workflowRuns.status, [...LIVE]), or(isNull(workflowRuns.drivingUntil), lt(workflowRuns.drivingUntil, sql`now()`))))
      .orderBy(sql`${workflowRuns.drivingUntil} asc nulls first`, asc(workflowRuns.startedAt))
      .limit(limit);
  }

  async stepStarted(step: { runId: string; key: string; step: string; agentId: string | null; deliveryId: string | null }): Promise<void> {
    await this.db.insert(workflowSteps).values(step).onConflictDoNothing();
  }

  async stepFinished(runId: string, key: string, outcome: string): Promise<void> {
    await this.db.update(workflowSteps).set({ finishedAt: sql`now()`, outcome }).where(and(eq(workflowSteps.runId, runId), eq(workflowSteps.key, key), isNull(workflowSteps.finishedAt)));
  }

  async steps(runId: string) {
    return this.db.select().from(workflowSteps).where(eq(workflowSteps.runId, runId)).orderBy(asc(workflowSteps.startedAt));
  }

  /** What a run took: wall time, and the model calls and cost of its steps' turns. */
  async totals(runId: string): Promise<{ seconds: number; modelCalls: number; costUsd: number }> {
    const [row] = rowsOf<{ seconds: number; calls: number; cost: number }>(
      await this.db.execute(sql`
        select extract(epoch from (coalesce(r.finished_at, now()) - r.started_at))::float8 as seconds,
               (select count(*) from llm_calls c join workflow_steps s on s.delivery_id = c.delivery_id where s.run_id = r.id)::int as calls,
               (select coalesce(sum(c.cost_usd), 0) from llm_calls c join workflow_steps s on s.delivery_id = c.delivery_id where s.run_id = r.id)::float8 as cost
        from workflow_runs r where r.id = ${runId}`),
    );
    return { seconds: Number(row?.seconds ?? 0), modelCalls: Number(row?.calls ?? 0), costUsd: Number(row?.cost ?? 0) };
  }
}
