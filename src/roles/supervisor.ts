import { fork, type ChildProcess } from 'node:child_process';
import { getPriority, setPriority } from 'node:os';
import type { Logger } from 'pino';
import { WORKER_READY } from './worker-signals.js';

/** How to start one more copy of this program as a worker (src/main.ts reads these from its process). */
export interface WorkerLaunch {
  /** The entry module, e.g. the absolute path of src/main.ts. */
  modulePath: string;
  /** Node flags the entry runs under (tsx's loader). */
  execArgv: string[];
  /** The worker's whole environment (ROLE=worker included). */
  env: Record<string, string | undefined>;
}

export interface SupervisorOptions {
  count: number;
  launch: WorkerLaunch;
  logger: Logger;
  /** First restart delay after an unexpected exit; doubles with each quick failure, up to maxBackoffMs. */
  backoffMs?: number;
  maxBackoffMs?: number;
  /** A worker that ran this long counts as healthy: its next crash restarts after backoffMs again. */
  stableMs?: number;
  /** Start-up fails when a worker is not ready this long after it was forked. */
  readyTimeoutMs?: number;
  /**
   * Scheduling priority of the workers relative to this process (a nice value, 0-19): when turns
   * keep every core busy, the operating system still runs this process's acks first.
   */
  niceness?: number;
}

export interface Workers {
  /** Process ids of the workers running now. */
  pids(): number[];
  /** Restarts so far (for tests and logs). */
  restarts(): number;
  /** SIGTERM to every worker (each hands unfinished turns back); SIGKILL after killAfterMs. */
  stop(killAfterMs: number): Promise<void>;
}

interface Slot {
  index: number;
  child?: ChildProcess;
  startedAt: number;
  delayMs: number;
  timer?: NodeJS.Timeout;
}

/**
 * Forks `count` worker processes and keeps them running: one that exits without being asked is
 * forked again after a backoff, and logged. Resolves once every worker reported ready; rejects (and
 * stops the others) if one exits or stays silent before that, so a worker that cannot start stops
 * start-up instead of crash-looping unseen.
 */
export async function superviseWorkers(options: SupervisorOptions): Promise<Workers> {
  const { count, launch } = options;
  const log = options.logger.child({ component: 'supervisor' });
  const backoffMs = options.backoffMs ?? 1_000;
  const maxBackoffMs = options.maxBackoffMs ?? 30_000;
  const stableMs = options.stableMs ?? 60_000;
  const slots: Slot[] = Array.from({ length: count }, (_, index) => ({ index, startedAt: 0, delayMs: backoffMs }));
  let stopping = false;
  let restarts = 0;

  function spawn(slot: Slot): ChildProcess {
    const child = fork(launch.modulePath, [], {
      execArgv: launch.execArgv,
      env: launch.env,
      // Logs go to the same stdout as the web process's; the IPC channel carries "ready" only.
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    slot.child = child;
    slot.startedAt = Date.now();
    if (options.niceness && child.pid !== undefined) {
      try {
        setPriority(child.pid, Math.min(19, getPriority() + options.niceness));
      } catch (err) {
        log.warn({ worker: slot.index, error: (err as Error).message }, 'could not lower the worker process priority');
      }
    }
    log.info({ worker: slot.index, pid: child.pid }, 'worker process started');
    child.once('exit', (code, signal) => {
      if (slot.child === child) slot.child = undefined;
      if (stopping) {
        log.info({ worker: slot.index, pid: child.pid, code, signal }, 'worker process stopped');
        return;
      }
      if (Date.now() - slot.startedAt >= stableMs) slot.delayMs = backoffMs;
      const delay = slot.delayMs;
      slot.delayMs = Math.min(delay * 2, maxBackoffMs);
      log.error({ worker: slot.index, pid: child.pid, code, signal, restart_in_ms: delay }, 'worker process exited unexpectedly; restarting it');
      slot.timer = setTimeout(() => {
        slot.timer = undefined;
        if (stopping) return;
        restarts++;
        spawn(slot);
      }, delay);
    });
    // A failed fork (no such file, out of processes) also ends in 'exit'; this keeps it from throwing.
    child.on('error', (err) => log.error({ worker: slot.index, error: err.message }, 'worker process error'));
    return child;
  }

  const workers: Workers = {
    pids: () => slots.flatMap((s) => (s.child?.pid !== undefined && s.child.exitCode === null && s.child.signalCode === null ? [s.child.pid] : [])),
    restarts: () => restarts,
    async stop(killAfterMs) {
      stopping = true;
      await Promise.all(
        slots.map(async (slot) => {
          clearTimeout(slot.timer);
          const child = slot.child;
          if (!child || child.exitCode !== null || child.signalCode !== null) return;
          const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
          child.kill('SIGTERM');
          let timer: NodeJS.Timeout | undefined;
          const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), killAfterMs)));
          if ((await Promise.race([exited, late])) === 'late') {
            log.warn({ worker: slot.index, pid: child.pid }, 'worker did not stop in time; killing it');
            child.kill('SIGKILL');
            await exited;
          }
          clearTimeout(timer);
        }),
      );
    },
  };

  try {
    await Promise.all(slots.map((slot) => firstReady(spawn(slot), slot.index, options.readyTimeoutMs ?? 60_000)));
  } catch (err) {
    await workers.stop(5_000);
    throw err;
  }
  log.info({ workers: count }, 'worker processes ready');
  return workers;
}

/** The worker's first "ready", or why it never came. */
function firstReady(child: ChildProcess, index: number, timeoutMs: number): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => done(new Error(`worker process ${index} (pid ${child.pid}) was not ready after ${timeoutMs / 1000} s: see its log lines above.`)), timeoutMs);
    const onMessage = (message: unknown) => {
      if ((message as { type?: string } | null)?.type === WORKER_READY) done();
    };
    const onExit = (code: number | null, signal: NodeJS.Signals | null) =>
      done(new Error(`worker process ${index} (pid ${child.pid}) exited (${signal ?? `code ${code}`}) before it was ready: see its log lines above.`));
    function done(err?: Error) {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
      if (err) reject(err);
      else resolve();
    }
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}
