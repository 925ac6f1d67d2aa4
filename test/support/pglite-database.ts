import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { openDatabase, type Database } from '../../src/store/database.js';

/** The embedded default for a test file: a migrated PGlite in a directory of its own, removed after. The database, once open. */
export function pgliteDatabase(name: string): () => Database {
  const dir = mkdtempSync(path.join(tmpdir(), `dept-${name}-pglite-`));
  let database: Database | undefined;
  beforeAll(async () => {
    database = await openDatabase({ dataDir: dir });
  });
  afterAll(async () => {
    await database?.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return () => database!;
}
