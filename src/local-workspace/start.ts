import type { AddressInfo } from 'node:net';
import type { Ctx } from './context.js';
import { DEFAULT_COMMAND, HUMANS } from './constants.js';
import { loadDirectory } from './data/directory.js';
import { latestTs } from './data/messages.js';
import { AppLink } from './delivery/app-link.js';
import { createWorkspaceServer } from './http/server.js';
import { LiveHub } from './live/hub.js';
import type { LocalWorkspace, LocalWorkspaceOptions } from './options.js';
import { seedWorkspace } from './seed.js';
import { Triggers } from './triggers.js';
import { TsClock } from './ts-clock.js';

/**
 * Starts the local workspace: a Slack-compatible server (Web API, Events API delivery,
 * interactivity, slash commands) and the web page people use instead of Slack. The app may
 * start after it: deliveries to an app that is not up yet are retried, then logged.
 */
export async function startLocalWorkspace(opts: LocalWorkspaceOptions): Promise<LocalWorkspace> {
  const logger = opts.logger.child({ component: 'local-workspace' });
  const seeded = await seedWorkspace(opts.db, { channels: opts.channels, agentBots: opts.agentBots ?? [], guide: opts.guide ?? {} });
  const clock = new TsClock();
  clock.advancePast(await latestTs(opts.db));
  const hub = new LiveHub();
  const app = new AppLink({ appUrl: opts.appUrl, signingSecret: opts.signingSecret, logger, retryDelaysMs: opts.retryDelaysMs ?? [1_000, 5_000, 30_000] });
  const ctx: Ctx = {
    db: opts.db,
    dir: await loadDirectory(opts.db),
    clock,
    hub,
    app,
    triggers: new Triggers(opts.triggerTtlMs ?? 3_000),
    logger,
    agents: opts.agents,
    commands: opts.commands ?? [DEFAULT_COMMAND],
    guide: opts.guide ?? {},
    base: '',
    loopbackOnly: ['127.0.0.1', 'localhost', '::1'].includes(opts.host ?? '127.0.0.1'),
  };

  const server = createWorkspaceServer(ctx);
  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  ctx.base = `http://${host.includes(':') ? `[${host}]` : host}:${port}/`;
  logger.info({ url: ctx.base, app: opts.appUrl }, `local workspace: open ${ctx.base} in a browser to talk to the department`);

  return {
    url: ctx.base,
    apiUrl: `${ctx.base}api/`,
    botToken: seeded.botToken,
    agentTokens: seeded.agentTokens,
    humans: HUMANS.map((h) => ({ id: h.id, name: h.realName })),
    async stop() {
      app.stop();
      hub.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
