import { join } from 'node:path';
import { Redis } from 'ioredis';
import { freePort } from '../../src/lib/free-port.js';
import { DepartmentProcess, type ExitInfo, type Role } from './department-process.js';
import type { Layout } from './options.js';

export interface ClusterOptions {
  trial: string;
  layout: Layout;
  /** Processes that run turns besides the one taking events. */
  workers: number;
  /** The department's environment, shared by every process (ports and roles are added per process). */
  env: Record<string, string>;
  redisUrl: string;
  stream: string;
  logDir: string;
  /** A crashed process is started again after this, as a supervisor would. */
  restartDelayMs: number;
  readyTimeoutMs?: number;
}

/** Consumer group the Redis bus reads with (src/bus/redis-stream-bus.ts). */
const GROUP = 'workers';

/**
 * The department as separate processes: one that takes Slack's events (ROLE=web, or ROLE=all) and
 * `workers` that run turns. It supervises them: an exit the harness did not cause is a crash,
 * recorded and restarted after restartDelayMs.
 */
export class Cluster {
  readonly crashes: ExitInfo[] = [];
  readonly entry: DepartmentProcess;
  readonly workers: DepartmentProcess[] = [];
  private stopping = false;
  private readonly restarts = new Set<NodeJS.Timeout>();
  private redis: Redis | undefined;

  private constructor(
    private readonly o: ClusterOptions,
    ports: number[],
  ) {
    const entryRole: Role = o.layout === 'roles' ? 'web' : 'all';
    const workerRole: Role = o.layout === 'roles' ? 'worker' : 'all';
    this.entry = this.define(entryRole === 'web' ? 'web' : 'all-0', entryRole, ports[0]!);
    for (let i = 1; i <= o.workers; i++) this.workers.push(this.define(`${workerRole}-${i}`, workerRole, ports[i]!));
  }

  static async start(o: ClusterOptions): Promise<Cluster> {
    const ports = await Promise.all(Array.from({ length: o.workers + 1 }, () => freePort()));
    const cluster = new Cluster(o, ports);
    try {
      // The first process migrates the fresh database; the others start once it is healthy.
      cluster.entry.start();
      await cluster.waitHealthy(cluster.entry);
      for (const w of cluster.workers) w.start();
      await Promise.all(cluster.turnRunners().map((p) => cluster.waitConsuming(p)));
    } catch (err) {
      await cluster.stop();
      throw err;
    }
    return cluster;
  }

  get eventsUrl(): string {
    return `http://127.0.0.1:${this.entry.port}/slack/events`;
  }

  /** Processes that consume the bus: workers, and the entry too when it is ROLE=all. */
  turnRunners(): DepartmentProcess[] {
    return this.entry.role === 'all' ? [this.entry, ...this.workers] : [...this.workers];
  }

  /** The fault: `signal` to one process; with `restart`, the supervisor starts it again after restartDelayMs. */
  async kill(proc: DepartmentProcess, signal: NodeJS.Signals, restart: boolean): Promise<void> {
    await proc.kill(signal);
    if (restart) this.restartLater(proc);
  }

  /** Bus entries this process has read and not acknowledged: the turns it is running or holds. */
  async held(proc: DepartmentProcess): Promise<number> {
    const pid = proc.pid;
    if (pid === undefined) return 0;
    const reply = (await this.client().xpending(this.o.stream, GROUP)) as [number, string | null, string | null, [string, string][] | null];
    return (reply[3] ?? []).filter(([consumer]) => consumer.includes(`-${pid}-`)).reduce((n, [, count]) => n + Number(count), 0);
  }

  async stop(graceMs = 5000): Promise<void> {
    this.stopping = true;
    for (const t of this.restarts) clearTimeout(t);
    await Promise.all([this.entry, ...this.workers].map((p) => p.stop(graceMs)));
    this.redis?.disconnect();
  }

  private define(name: string, role: Role, port: number): DepartmentProcess {
    const slackToken = `xoxb-chaos-${name}`;
    const env = { ...process.env, ...this.o.env, PORT: String(port), ROLE: role, WORKERS: '0', SLACK_BOT_TOKEN: slackToken };
    const log = join(this.o.logDir, `${this.o.trial}.${name}.log`);
    return new DepartmentProcess(name, role, port, slackToken, env, log, (info) => {
      if (info.expected || this.stopping) return;
      this.crashes.push(info);
      const proc = [this.entry, ...this.workers].find((p) => p.name === info.name);
      if (proc) this.restartLater(proc);
    });
  }

  private restartLater(proc: DepartmentProcess): void {
    const timer = setTimeout(() => {
      this.restarts.delete(timer);
      if (!this.stopping && !proc.running) proc.start();
    }, this.o.restartDelayMs);
    this.restarts.add(timer);
  }

  private client(): Redis {
    if (!this.redis) {
      this.redis = new Redis(this.o.redisUrl, { maxRetriesPerRequest: 1 });
      this.redis.on('error', () => {}); // the Redis-restart trial kills it on purpose
    }
    return this.redis;
  }

  private async waitHealthy(proc: DepartmentProcess): Promise<void> {
    await this.until(proc, async () => (await fetch(`http://127.0.0.1:${proc.port}/healthz`)).ok, 'answer GET /healthz');
  }

  /**
   * Ready to run turns: its bus reader is connected. The bus names that connection
   * `bus-reader:<consumer>` with the consumer named host-pid-random (src/bus/redis-stream-bus.ts);
   * the consumer group itself only lists a consumer once it has been handed an entry.
   */
  private async waitConsuming(proc: DepartmentProcess): Promise<void> {
    await this.until(
      proc,
      async () => {
        const clients = String(await this.client().client('LIST'));
        return clients.split('\n').some((line) => line.includes(' name=bus-reader:') && line.includes(`-${proc.pid}-`));
      },
      'connect its bus reader to Redis',
    );
  }

  private async until(proc: DepartmentProcess, ready: () => Promise<boolean>, what: string): Promise<void> {
    const deadline = Date.now() + (this.o.readyTimeoutMs ?? 60_000);
    while (Date.now() < deadline) {
      if (!proc.running) throw new Error(`${proc.name} exited during start-up: see ${proc.logFile}`);
      if (await ready().catch(() => false)) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`${proc.name} did not ${what} within ${(this.o.readyTimeoutMs ?? 60_000) / 1000} s: see ${proc.logFile}`);
  }
}
