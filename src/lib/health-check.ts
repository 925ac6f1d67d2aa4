import type { Logger } from 'pino';

/**
 * GET /healthz's question: do the database and the bus answer? Each check runs at once with its
 * own time limit (one hanging dependency must not hide the other), and a change of state is logged
 * once: when a dependency stops answering and when everything answers again.
 */
export function createHealthCheck(checks: Record<string, () => Promise<boolean>>, logger: Logger, timeoutMs = 1_500): () => Promise<boolean> {
  const log = logger.child({ component: 'health' });
  let failing = '';
  return async () => {
    const results = await Promise.all(Object.entries(checks).map(async ([name, check]) => [name, await within(check, timeoutMs)] as const));
    const down = results.filter(([, ok]) => !ok).map(([name]) => name);
    const now = down.join(',');
    if (now !== failing) {
      if (down.length > 0) log.warn({ down }, `unhealthy: ${down.join(' and ')} not answering`);
      else log.info({ was_down: failing.split(',') }, 'healthy again');
      failing = now;
    }
    return down.length === 0;
  };
}

async function within(check: () => Promise<boolean>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  try {
    return await Promise.race([check().catch(() => false), late]);
  } finally {
    clearTimeout(timer);
  }
}
