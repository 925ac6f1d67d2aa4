import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { describe, expect, it } from 'vitest';

/** The Dockerfile's HEALTHCHECK, run as Docker would (exec form), against a stand-in /healthz. */
const dockerfile = readFileSync('Dockerfile', 'utf8').replace(/\\\n\s*/g, ' ');
const healthcheck = /^HEALTHCHECK .*?CMD (\[.*\])\s*$/m.exec(dockerfile);

function run(cmd: string[], port: number): Promise<number> {
  return new Promise((resolve) => {
    execFile(cmd[0]!, cmd.slice(1), { env: { ...process.env, PORT: String(port) }, timeout: 10_000 }, (err) => resolve(err ? ((err as { code?: number }).code ?? 1) : 0));
  });
}

describe('the Docker image', () => {
  it('checks its health with node against GET /healthz on PORT: 200 is healthy, 503 or no answer is not', async () => {
    expect(healthcheck, 'Dockerfile has a HEALTHCHECK … CMD [...]').not.toBeNull();
    const cmd = JSON.parse(healthcheck![1]!) as string[];
    expect(cmd[0]).toBe('node');
    let status = 200;
    const paths: string[] = [];
    const server = createServer((req, res) => {
      paths.push(req.url ?? '');
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: status === 200 }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    try {
      expect(await run(cmd, port)).toBe(0);
      status = 503;
      expect(await run(cmd, port)).not.toBe(0);
    } finally {
      server.close();
    }
    expect(await run(cmd, port)).not.toBe(0); // nothing listening
    expect(paths).toEqual(['/healthz', '/healthz']);
  });

  it('lets a published port reach the local workspace', () => {
    expect(dockerfile).toMatch(/^ENV .*LOCAL_WORKSPACE_HOST=0\.0\.0\.0/m);
    expect(dockerfile).toMatch(/^EXPOSE 3000 3001$/m);
  });
});
