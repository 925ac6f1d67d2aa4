import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SCRIPT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../support/guarded-process.ts');

/** Runs the guarded process for real: Node's own handling of stray rejections and exceptions is what is tested. */
function run(guardCase: string): Promise<{ code: number | null; lines: string[] }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', SCRIPT], { env: { ...process.env, GUARD_CASE: guardCase } }, (err, stdout) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? null) : 0, lines: stdout.trim().split('\n') });
    });
  });
}

describe('installProcessGuards', () => {
  it('logs a stray rejection in one plain line and keeps the process running', async () => {
    const { code, lines } = await run('rejection');
    expect(code).toBe(0);
    expect(lines.at(-1)).toBe('still running');
    const logged = lines.filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>);
    // Rate-limited: the second rejection within the interval is counted, not printed.
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ level: 50, component: 'process', error: 'Error: stray rejection from a library' });
    expect(String(logged[0]!.at)).toContain('guarded-process.ts');
    expect(String(logged[0]!.at)).not.toContain('\n');
  });

  it('logs an uncaught exception and hands over to onFatal instead of resuming', async () => {
    const { code, lines } = await run('exception');
    expect(code).toBe(7);
    expect(lines).not.toContain('still running');
    const fatal = lines.filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(fatal).toEqual([expect.objectContaining({ level: 60, component: 'process', error: "TypeError: Cannot read properties of null (reading 'ssl_check')" })]);
    expect(lines).toContain('onFatal called');
  });
});
