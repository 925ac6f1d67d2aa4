import { spawn, type ChildProcess } from 'node:child_process';
import { Redis } from 'ioredis';
import { freePort } from '../../src/lib/free-port.js';

export interface DedicatedRedis {
  url: string;
  /** SIGKILL: the data is gone with the process (no persistence is configured). */
  kill(): Promise<void>;
  /** A new, empty server on the same port. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A redis-server of the trial's own on a free port, never the shared one: the Redis-restart trial
 * kills it and brings it back empty, which must not touch anyone else's streams.
 */
export async function startDedicatedRedis(binary = 'redis-server'): Promise<DedicatedRedis> {
  const port = await freePort();
  const url = `redis://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;

  async function start(): Promise<void> {
    const proc = spawn(binary, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    child = proc;
    const failed = new Promise<never>((_, reject) => {
      proc.once('error', (err) => reject(new Error(`cannot start ${binary}: ${err.message} (install redis-server)`)));
      proc.once('exit', (code) => reject(new Error(`${binary} on port ${port} exited with ${code} at start`)));
    });
    failed.catch(() => {});
    await Promise.race([answers(url), failed]);
  }

  async function kill(): Promise<void> {
    const proc = child;
    child = undefined;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    const gone = new Promise((resolve) => proc.once('exit', resolve));
    proc.kill('SIGKILL');
    await gone;
  }

  await start();
  return { url, kill, start, stop: kill };
}

async function answers(url: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    client.on('error', () => {});
    try {
      await client.connect();
      if ((await client.ping()) === 'PONG') return;
    } catch {
      /* not up yet */
    } finally {
      client.disconnect();
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`redis at ${url} did not answer PING within 5 s`);
}
