import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';

/**
 * `npm start` with a mistake in its environment stops with one line that says what to change and
 * exits non-zero: no stack, no error object. Each case runs the real entry point (npx tsx src/main.ts).
 */
let t: TestDatabase;
let busy: Server;
let busyPort: number;
let scratch: string;

beforeAll(async () => {
  t = await createTestDatabase();
  scratch = mkdtempSync(join(tmpdir(), 'start-up-'));
  busy = createServer();
  await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
  busyPort = (busy.address() as { port: number }).port;
});

afterAll(async () => {
  busy?.close();
  await t?.drop();
  rmSync(scratch, { recursive: true, force: true });
});

interface Run {
  code: number | null;
  stderr: string;
  stdout: string;
}

function start(env: Record<string, string>): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn('npx', ['tsx', 'src/main.ts'], {
      env: { PATH: process.env.PATH!, HOME: process.env.HOME ?? scratch, DATA_DIR: join(scratch, 'data'), LOG_LEVEL: 'warn', PORT: '0', LOCAL_WORKSPACE_PORT: '0', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 40_000);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr, stdout });
    });
  });
}

/** Exits 1 with exactly one line on stderr, starting as every start-up failure does, and no stack anywhere. */
function expectOneLine(run: Run, ...parts: (string | RegExp)[]) {
  const lines = run.stderr.split('\n').filter((l) => l.trim() !== '');
  expect(lines, run.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^Cannot start the marketing department: /);
  for (const part of parts) expect(lines[0]).toMatch(part);
  expect(run.stdout + run.stderr).not.toMatch(/\n\s+at /);
  expect(run.code).toBe(1);
}

describe('start-up failures say what to change, in one line', () => {
  it.concurrent('a DATABASE_URL that is not PostgreSQL', async () => {
    expectOneLine(await start({ DATABASE_URL: 'mysql://root:secret@db:3306/marketing' }), /DATABASE_URL: must be a PostgreSQL URL \(postgres:\/\/ or postgresql:\/\/\)/);
  });

  it.concurrent('a Slack token of the wrong kind', async () => {
    expectOneLine(await start({ SLACK_BOT_TOKEN: 'xoxp-a-user-token', SLACK_SIGNING_SECRET: 'secret' }), /SLACK_BOT_TOKEN: must start with xoxb-/);
  });

  it.concurrent('PostgreSQL that does not answer', async () => {
    expectOneLine(await start({ DATABASE_URL: 'postgres://postgres@127.0.0.1:1/nowhere' }), /DATABASE_URL: PostgreSQL did not answer \(connect ECONNREFUSED 127\.0\.0\.1:1\)/);
  });

  it.concurrent('Redis that does not answer', async () => {
    expectOneLine(await start({ DATABASE_URL: t.url, REDIS_URL: 'redis://127.0.0.1:1' }), /REDIS_URL: Redis did not answer at 127\.0\.0\.1:1 \(connect ECONNREFUSED/);
  });

  it.concurrent('the port of a department already running (a second npm start)', async () => {
    expectOneLine(await start({ DATABASE_URL: t.url, LOCAL_WORKSPACE_PORT: String(busyPort) }), `port ${busyPort} is already in use`, /set LOCAL_WORKSPACE_PORT to a free port/);
  });

  it.concurrent('a publishing webhook without its secret', async () => {
    expectOneLine(await start({ DATABASE_URL: t.url, PUBLISH_WEBHOOK_URL: 'https://example.com/hooks/marketing' }), /PUBLISH_WEBHOOK_URL is set without PUBLISH_WEBHOOK_SECRET: /);
  });

  it.concurrent('a broken manifest', async () => {
    const dir = join(scratch, 'manifests');
    cpSync('manifests', dir, { recursive: true });
    writeFileSync(join(dir, 'agents', 'copywriter.yml'), 'id: copywriter\nname: Copywriter\nmodel_tier: gpt-4\n');
    expectOneLine(await start({ DATABASE_URL: t.url, DEPARTMENT_DIR: dir }), /copywriter\.yml: /);
  });
});
