import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { openDatabase } from '../../../../src/store/database.js';
import { startLocalWorkspace, type LocalWorkspace, type LocalWorkspaceOptions } from '../../../../src/local-workspace/index.js';

export const CHANNELS = ['dept-standup', 'dept-approvals', 'marketing-content'];
export const AGENTS = [
  { id: 'content_manager', name: 'Content Manager', handle: 'content', icon: ':memo:' },
  { id: 'copywriter', name: 'Copywriter', handle: 'copywriter', icon: { emoji: ':pencil2:' } },
];

/** A workspace on embedded PGlite (no services needed), for unit tests of the HTTP surface. */
export async function startPgliteWorkspace(overrides: Partial<LocalWorkspaceOptions> = {}) {
  const dir = mkdtempSync(path.join(tmpdir(), 'lw-unit-'));
  const database = await openDatabase({ dataDir: dir });
  const ws: LocalWorkspace = await startLocalWorkspace({
    db: database.db,
    port: 0,
    appUrl: 'http://127.0.0.1:9/slack/events',
    signingSecret: 'test-secret',
    channels: CHANNELS,
    agents: AGENTS,
    agentBots: [{ agentId: 'copywriter', name: 'Copywriter', icon: ':pencil2:' }],
    logger: pino({ level: 'silent' }),
    retryDelaysMs: [],
    ...overrides,
  });
  return {
    ws,
    db: database.db,
    async close() {
      await ws.stop();
      await database.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Calls a Web API method the way an HTTP client would (form body, bearer token). */
export async function api(ws: LocalWorkspace, method: string, args: Record<string, unknown> = {}, token: string | null = ws.botToken) {
  const form = new URLSearchParams();
  for (const [k, v] of Object.entries(args)) form.set(k, typeof v === 'string' ? v : JSON.stringify(v));
  const res = await fetch(`${ws.apiUrl}${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: form.toString(),
  });
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}

/** Calls the web client's JSON endpoints as a person. */
export async function ui(ws: LocalWorkspace, method: 'GET' | 'POST', path: string, as: string, body: Record<string, unknown> = {}) {
  const url = new URL(path, ws.url);
  if (method === 'GET') url.searchParams.set('as', as);
  const res = await fetch(url, method === 'POST' ? { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ as, ...body }) } : {});
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}
