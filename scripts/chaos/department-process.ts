import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Where src/main.ts is, whatever directory the harness was started from. */
const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The process roles contract: web takes Slack's events, worker runs turns, all does both. */
export type Role = 'web' | 'worker' | 'all';

export interface ExitInfo {
  name: string;
  pid: number;
  code: number | null;
  signal: NodeJS.Signals | null;
  at: number;
  /** True when the harness sent the signal (a fault or the teardown); false is a crash. */
  expected: boolean;
  /** The process's last error line, for the report. */
  lastError: string | undefined;
}

/**
 * One department process (`node --import tsx src/main.ts`), started again as often as its
 * supervisor asks, with stdout and stderr appended to one log file.
 */
export class DepartmentProcess {
  private child: ChildProcess | undefined;
  private expectExit = false;
  private exited: Promise<void> = Promise.resolve();
  starts = 0;

  constructor(
    readonly name: string,
    readonly role: Role,
    readonly port: number,
    /** SLACK_BOT_TOKEN of this process, so the fake Slack can tell its posts apart. */
    readonly slackToken: string,
    private readonly env: NodeJS.ProcessEnv,
    readonly logFile: string,
    private readonly onExit: (info: ExitInfo) => void,
  ) {}

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get running(): boolean {
    return !!this.child && this.child.exitCode === null && this.child.signalCode === null;
  }

  start(): void {
    const fd = openSync(this.logFile, 'a');
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { cwd: REPO_ROOT, env: this.env, stdio: ['ignore', fd, fd] });
    closeSync(fd);
    this.child = child;
    this.expectExit = false;
    this.starts++;
    this.exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        this.onExit({
          name: this.name,
          pid: child.pid ?? 0,
          code,
          signal,
          at: Date.now(),
          expected: this.expectExit,
          lastError: this.expectExit ? undefined : lastErrorLine(this.logFile),
        });
        resolve();
      });
    });
  }

  /** Sends `signal` as the harness (not a crash) and waits for the exit. */
  async kill(signal: NodeJS.Signals): Promise<void> {
    if (!this.running) return;
    this.expectExit = true;
    this.child!.kill(signal);
    await this.exited;
  }

  /** SIGTERM, then SIGKILL after `graceMs`. */
  async stop(graceMs: number): Promise<void> {
    if (!this.running) return;
    this.expectExit = true;
    this.child!.kill('SIGTERM');
    const timer = setTimeout(() => this.child?.kill('SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(timer);
  }
}

/**
 * Why a process died, from the end of its log: an uncaught error's message ("Error: Connection
 * terminated unexpectedly"), else the last pino line at error level or above, else the last line.
 */
function lastErrorLine(file: string): string | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8').slice(-64_000);
  } catch {
    return undefined;
  }
  const lines = text.split('\n').map((l) => l.trim()).filter(Boolean).reverse();
  const thrown = lines.find((l) => /^[A-Za-z]*error\b[^:]*:/i.test(l));
  if (thrown) return thrown.slice(0, 160);
  for (const line of lines) {
    if (!line.startsWith('{')) continue;
    try {
      const entry = JSON.parse(line) as { level?: number; msg?: string; err?: { message?: string } };
      if ((entry.level ?? 0) >= 50) return `${entry.msg ?? ''}${entry.err?.message ? `: ${entry.err.message}` : ''}`.slice(0, 160);
    } catch {
      /* not JSON after all */
    }
  }
  return lines[0]?.slice(0, 160);
}
