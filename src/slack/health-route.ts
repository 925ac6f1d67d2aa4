import type { CustomRoute } from '@slack/bolt';
import type { Logger } from 'pino';

const HEALTH_TIMEOUT_MS = 2_000;

/** GET /healthz: 200 {ok:true} once the database and bus answer, else 503 — never a hang, never a stack trace. */
export function healthRoute(health: () => Promise<boolean>, log: Logger): CustomRoute {
  return {
    path: '/healthz',
    method: ['GET'],
    handler: (_req, res) => {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(false), HEALTH_TIMEOUT_MS);
      });
      Promise.race([health(), timeout])
        .catch((err: unknown) => {
          log.warn({ component: 'slack-app', error: (err as Error).message }, 'health check failed');
          return false;
        })
        .then((ok) => {
          clearTimeout(timer);
          res.writeHead(ok ? 200 : 503, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ ok }));
        });
    },
  };
}
