import { webApi } from '@slack/bolt';
import { pino } from 'pino';
import { startLocalWorkspace, type LocalWorkspace, type LocalWorkspaceOptions } from '../../../src/local-workspace/index.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';
import { startFakeApp, type FakeApp } from '../../unit/local-workspace/support/fake-app.js';

export const SECRET = 'integration-signing-secret';
export const DEPT_CHANNELS = ['dept-standup', 'dept-approvals', 'dept-escalations', 'dept-decisions', 'marketing-leadership', 'marketing-content', 'marketing-social', 'marketing-campaigns', 'marketing-insights'];
export const ALEX = 'U0LOCALHUMAN1';
export const SAM = 'U0LOCALHUMAN2';

export interface Harness {
  db: TestDatabase;
  app: FakeApp;
  ws: LocalWorkspace;
  client: webApi.WebClient;
  channel(name: string): Promise<string>;
  stop(): Promise<void>;
}

/** A real Postgres database, the workspace on it, and a fake app receiving what Slack would send. */
export async function startHarness(overrides: Partial<LocalWorkspaceOptions> = {}): Promise<Harness> {
  const db = await createTestDatabase();
  const app = await startFakeApp();
  const ws = await startLocalWorkspace({
    db: db.database.db,
    port: 0,
    appUrl: app.url,
    signingSecret: SECRET,
    channels: DEPT_CHANNELS,
    agents: [{ id: 'copywriter', name: 'Copywriter', handle: 'copywriter', icon: { emoji: ':pencil2:' } }],
    logger: pino({ level: 'silent' }),
    retryDelaysMs: [100, 100, 100],
    ...overrides,
  });
  const client = new webApi.WebClient(ws.botToken, { slackApiUrl: ws.apiUrl, retryConfig: { retries: 0 } });
  const ids = new Map<string, string>();
  return {
    db,
    app,
    ws,
    client,
    async channel(name) {
      if (!ids.size) {
        const list = await client.conversations.list({ types: 'public_channel' });
        for (const c of list.channels ?? []) ids.set(c.name!, c.id!);
      }
      return ids.get(name)!;
    },
    async stop() {
      await ws.stop();
      await app.close();
      await db.drop();
    },
  };
}

/** The web client's JSON endpoints, as the page calls them. */
export async function ui(ws: LocalWorkspace, method: 'GET' | 'POST', path: string, as: string, body: Record<string, unknown> = {}) {
  const url = new URL(path, ws.url);
  if (method === 'GET') url.searchParams.set('as', as);
  const res = await fetch(url, method === 'POST' ? { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ as, ...body }) } : {});
  return (await res.json()) as Record<string, any>;
}

export async function until<T>(fn: () => Promise<T | undefined | false>, timeoutMs = 5_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value) return value;
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

export { listen } from '../../support/live-stream.js';
