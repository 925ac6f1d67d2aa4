import type { Logger } from 'pino';
import type { ThreadPoster } from '../agents/ports.js';
import type { Bus } from '../bus/bus.js';
import type { Department } from '../department/schema.js';
import { errorLine } from '../lib/error-line.js';
import type { Database } from '../store/database.js';
import type { Store } from '../store/store.js';
import { WorkStore } from '../store/work-store.js';
import { workflowCheckpointer } from './checkpointer.js';
import { WorkflowEngine } from './engine.js';
import type { Publisher } from '../publishing/publisher.js';
import type { PublishDraft } from './engine-ports.js';
import { WorkflowStore } from './workflow-store.js';

export interface Workflows {
  engine: WorkflowEngine;
  stop(): Promise<void>;
}

/**
 * Runs nobody drives are looked at this often (a crashed driver's once its lease ran out, a wake
 * that went missing). Every live run is looked at (a run waiting for a person too, a checkpoint
 * read each), so not as often as the deliveries' 3 s.
 */
const SWEEP_MS = 5_000;

/**
 * The workflow engine of a process, on the department's database and Slack; `sweep`: this process
 * also takes over runs nobody drives (the processes that run agent turns do).
 */
export async function startWorkflows(deps: { database: Database; store: Store; bus: Bus; poster: ThreadPoster; department: Department; logger: Logger; sweep: boolean; publisher?: Publisher }): Promise<Workflows> {
  const { database, logger } = deps;
  const runs = new WorkflowStore(database.db);
  const engine = new WorkflowEngine({
    db: database.db,
    store: deps.store,
    work: new WorkStore(database.db),
    runs,
    poster: deps.poster,
    bus: deps.bus,
    department: deps.department,
    logger,
    checkpointer: await workflowCheckpointer(database),
    ...(deps.publisher ? { publish: publishThrough(deps.publisher) } : {}),
  });
  let sweeping: Promise<void> | null = null;
  const sweep = async () => {
    for (const run of await runs.undriven()) await engine.drive(run.id);
  };
  const timer = deps.sweep
    ? setInterval(() => {
        sweeping ??= sweep()
          .catch((err: unknown) => logger.warn({ component: 'workflows', err: errorLine(err) }, 'workflow sweep failed'))
          .finally(() => (sweeping = null));
      }, SWEEP_MS)
    : null;
  timer?.unref();
  return {
    engine,
    async stop() {
      if (timer) clearInterval(timer);
      await sweeping;
    },
  };
}

/** The publisher port as the workflows call it: the approved version, whole; what it said. */
function publishThrough(publisher: Publisher): PublishDraft {
  return async (d) =>
    (
      await publisher.publish({
        deliverableId: d.id,
        version: d.version,
        title: d.title,
        contentType: d.contentType,
        content: d.content,
        author: d.author,
        approvedBy: d.approvedBy,
        conversationId: d.conversationId,
        rehearsal: d.rehearsal,
      })
    ).said;
}
