import type { Logger } from 'pino';
import { rateLimitedLog } from './rate-limited-log.js';

/**
 * The process's last line of defence, installed by src/main.ts.
 *
 * - A rejected promise nobody handles (a library's stray rejection, a missing catch) is logged and
 *   the process keeps running: the code that started that promise has already moved on, so nothing
 *   is left half-done by ignoring it, and Node's default (exit) would turn one bad request into an outage.
 * - An uncaught exception is different: it unwound the stack through code in an unknown state (Node's
 *   documentation: resuming after it is not safe). It is logged in one line and onFatal stops the
 *   process cleanly (running turns handed back), so a supervisor or process manager starts a clean one.
 *   Every dependency's 'error' event has a listener, so this is left for our own bugs.
 */
export function installProcessGuards(proc: NodeJS.EventEmitter, logger: Logger, onFatal: (err: unknown) => void): void {
  const log = logger.child({ component: 'process' });
  const limit = rateLimitedLog(10_000);
  proc.on('unhandledRejection', (reason: unknown) => {
    limit((suppressed) =>
      log.error(
        { error: describe(reason), at: frames(reason), ...(suppressed > 0 ? { suppressed } : {}) },
        'a promise was rejected with nobody to handle it; logged, and the service keeps running',
      ),
    );
  });
  proc.on('uncaughtException', (err: unknown) => {
    log.fatal({ error: describe(err), at: frames(err) }, 'uncaught exception: stopping this process cleanly so a fresh one takes over');
    onFatal(err);
  });
}

function describe(reason: unknown): string {
  if (reason instanceof Error) return `${reason.name}: ${reason.message}`;
  try {
    return `non-error rejection: ${JSON.stringify(reason)}`;
  } catch {
    return `non-error rejection: ${String(reason)}`;
  }
}

/** Where it came from, as one line: the top stack frames joined, never a raw multi-line stack. */
function frames(reason: unknown): string | undefined {
  if (!(reason instanceof Error) || !reason.stack) return undefined;
  return reason.stack
    .split('\n')
    .filter((l) => l.trimStart().startsWith('at '))
    .slice(0, 5)
    .map((l) => l.trim().slice(3))
    .join(' < ');
}
