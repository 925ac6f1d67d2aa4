import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * Imports the README's first ```js block that contains `marker`, exactly as written, so a test
 * runs what a reader would copy.
 */
export async function importReadmeSnippet<T>(marker: string): Promise<T> {
  const readme = readFileSync('README.md', 'utf8');
  const code = [...readme.matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1]!).find((block) => block.includes(marker));
  if (!code) throw new Error(`README.md has no js block with ${marker}`);
  const dir = mkdtempSync(join(tmpdir(), 'readme-snippet-'));
  try {
    const file = join(dir, 'snippet.mjs');
    writeFileSync(file, code);
    return (await import(pathToFileURL(file).href)) as T;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
