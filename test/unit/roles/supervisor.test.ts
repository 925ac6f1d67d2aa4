import { getPriority } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { superviseWorkers, type Workers } from '../../../src/roles/supervisor.js';

const STUB = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../support/stub-worker.mjs');
let lines: Record<string, unknown>[] = [];
const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) });
let running: Workers | undefined;

const supervise = (mode: string, extra: { backoffMs?: number; count?: number; niceness?: number } = {}) =>
  superviseWorkers({
    count: extra.count ?? 1,
    launch: { modulePath: STUB, execArgv: [], env: { PATH: process.env.PATH, STUB_MODE: mode } },
    logger,
    backoffMs: extra.backoffMs ?? 20,
    maxBackoffMs: 100,
    ...(extra.niceness !== undefined ? { niceness: extra.niceness } : {}),
  });

afterEach(async () => {
  await running?.stop(2_000);
  running = undefined;
  lines = [];
});

describe('superviseWorkers', () => {
  it('fails start-up when a worker exits before it is ready, and leaves no worker behind', async () => {
    await expect(supervise('exit')).rejects.toThrow(/worker process 0 \(pid \d+\) exited \(code 3\) before it was ready/);
    expect(lines.filter((l) => l.msg === 'worker process exited unexpectedly; restarting it')).toHaveLength(1);
    expect(lines.filter((l) => l.msg === 'worker process started')).toHaveLength(1);
  });

  it('restarts a worker that keeps exiting with a doubling, capped backoff', async () => {
    running = await supervise('ready-then-exit');
    const restarts = running;
    while (restarts.restarts() < 4) await new Promise((r) => setTimeout(r, 10));
    const delays = lines.filter((l) => l.msg === 'worker process exited unexpectedly; restarting it').map((l) => l.restart_in_ms);
    expect(delays.slice(0, 4)).toEqual([20, 40, 80, 100]);
  });

  it('runs workers at a lower scheduling priority than the web process, so acks go first', async () => {
    running = await supervise('ready', { niceness: 10 });
    const [pid] = running.pids();
    expect(getPriority(pid!)).toBe(Math.min(19, getPriority() + 10));
  });

  it('stops workers with SIGTERM, and kills one that does not stop in time', async () => {
    running = await supervise('ignore-sigterm', { count: 2 });
    const pids = running.pids();
    expect(pids).toHaveLength(2);
    await running.stop(200);
    running = undefined;
    expect(lines.filter((l) => l.msg === 'worker did not stop in time; killing it')).toHaveLength(2);
    expect(lines.filter((l) => l.msg === 'worker process stopped').map((l) => l.signal)).toEqual(['SIGKILL', 'SIGKILL']);
  });
});
