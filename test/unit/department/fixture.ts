import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterEach } from 'vitest';

/** The real configuration, as the service loads it. */
export const MANIFESTS = 'manifests';
export const PROMPTS = 'prompts';

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/**
 * A throwaway copy of the real manifests and prompts, so a test can break one file.
 * `rel(path)` gives the path as error messages print it (relative to cwd).
 */
export function copyOfDepartment() {
  const root = mkdtempSync(join(tmpdir(), 'dept-'));
  made.push(root);
  const manifests = join(root, 'manifests');
  const prompts = join(root, 'prompts');
  cpSync(MANIFESTS, manifests, { recursive: true });
  cpSync(PROMPTS, prompts, { recursive: true });
  const agentFile = (id: string) => join(manifests, 'agents', `${id}.yml`);
  return {
    manifests,
    prompts,
    agentFile,
    rel: (p: string) => relative(process.cwd(), p),
    /** Rewrites a file with a text replacement; fails the test if the text is not there. */
    edit(file: string, from: string | RegExp, to: string) {
      const before = readFileSync(file, 'utf8');
      const after = before.replace(from, to);
      if (after === before) throw new Error(`fixture: ${String(from)} not found in ${file}`);
      writeFileSync(file, after);
    },
  };
}
