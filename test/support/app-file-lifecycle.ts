import nock from 'nock';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { createTestDatabase, type TestDatabase } from './database.js';

/**
 * The hooks of a test file that runs the whole app against nocked Slack: only this machine may be
 * reached (a Slack call nobody mocked fails loudly instead of leaving it), the file gets a database
 * of its own, the app is stopped and the mocks cleared after each test, and the file's Redis
 * streams are deleted at the end.
 */
export function appFileLifecycle(hooks: {
  database: (db: TestDatabase) => void;
  stopApp: () => Promise<void>;
  streams?: { cleanUp(): Promise<void> };
}): void {
  let db: TestDatabase | undefined;
  beforeAll(async () => {
    nock.disableNetConnect();
    nock.enableNetConnect((host) => host.startsWith('127.0.0.1') || host.startsWith('localhost'));
    db = await createTestDatabase();
    hooks.database(db);
  });
  afterEach(async () => {
    await hooks.stopApp();
    nock.cleanAll();
  });
  afterAll(async () => {
    nock.enableNetConnect();
    await db?.drop();
    await hooks.streams?.cleanUp();
  });
}
