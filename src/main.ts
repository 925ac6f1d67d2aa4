import type { App } from './build-app.js';
import { loadConfig, type Config } from './config/config.js';
import { loadDepartment } from './department/load.js';
import { createLogger } from './lib/logger.js';
import { installProcessGuards } from './lib/process-guards.js';
import { startupFailureLine } from './lib/startup-failure.js';
import { HUMANS } from './local-workspace/constants.js';
import { announceWorkerReady, stopWhenSupervisorGoes, supervisedWorker } from './roles/worker-signals.js';

/** The checked environment, once it is: start-up failures name the variable to change from it. */
let loaded: Config | undefined;

/**
 * Entry point: validate the environment, build the department (or this process's role of it), stop
 * cleanly on SIGTERM/SIGINT. ROLE=all forks its workers from this same file with ROLE=worker.
 */
async function main(): Promise<void> {
  const config = loadConfig(process.env);
  loaded = config;
  // The manifests are checked next, and only then is the rest loaded (it takes seconds), so a
  // mistake in either is reported at once.
  const department = loadDepartment(config.DEPARTMENT_DIR, config.PROMPTS_DIR);
  const { buildApp } = await import('./build-app.js');
  const base = createLogger(config.LOG_LEVEL);
  // Every line says which role wrote it; a web process and its workers share one stdout.
  const logger = base.child(config.ROLE === 'all' ? { role: 'all' } : { role: config.ROLE, pid: process.pid });
  let app: App | undefined;
  let stopping = false;
  const shutdown = (reason: string, exitCode = 0) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal: reason }, 'stopping: no new events; letting agent turns finish');
    // A stop that hangs (after an uncaught exception anything may) must not keep the process alive.
    setTimeout(() => process.exit(exitCode || 1), (config.SHUTDOWN_GRACE_SECONDS + 15) * 1000).unref();
    (app?.stop() ?? Promise.resolve()).then(
      () => process.exit(exitCode),
      (err: unknown) => {
        logger.error({ error: (err as Error).message }, 'error while stopping');
        process.exit(1);
      },
    );
  };
  installProcessGuards(process, logger, () => shutdown('uncaughtException', 1));

  app = await buildApp(config, {
    logger,
    department,
    workerLaunch: { modulePath: process.argv[1]!, execArgv: process.execArgv, env: process.env },
  });
  if (app.workspaceUrl) {
    // The one plain line for a person at the terminal; everything else is JSON logs.
    const [you, other] = HUMANS;
    console.log(
      `\n  Marketing Department is running on the local workspace: open ${app.workspaceUrl}\n  You are ${you.realName}; switch to ${other.realName} in the page. Set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET to use your Slack.\n`,
    );
  }
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  // Ctrl-C reaches a forked worker together with its supervisor, which stops intake first and then
  // sends SIGTERM: the worker waits for that rather than stopping (and being restarted) on its own.
  const supervised = config.ROLE === 'worker' && supervisedWorker();
  process.on('SIGINT', () => (supervised ? logger.debug('SIGINT: waiting for the supervisor to stop this worker') : shutdown('SIGINT')));
  if (config.ROLE === 'worker') {
    stopWhenSupervisorGoes(() => shutdown('supervisor exited'));
    announceWorkerReady();
  }
}

main().catch((err: unknown) => {
  // One line that says what to change; the stack only when asked for.
  console.error(startupFailureLine(err, loaded));
  if (process.env.LOG_LEVEL === 'debug' || process.env.LOG_LEVEL === 'trace') console.error(err);
  process.exit(1);
});
