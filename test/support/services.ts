/** Where the test suite finds the real Postgres and Redis (override for other machines). */
export const TEST_POSTGRES_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A Redis stream key of its own for one test app, and a way to delete every key a file made. */
export function testStreams(prefix: string) {
  const made: string[] = [];
  return {
    next(): string {
      const key = `test:${prefix}:${process.pid}:${made.length}:${Date.now()}`;
      made.push(key);
      return key;
    },
    async cleanUp(): Promise<void> {
      if (made.length === 0) return;
      const { Redis } = await import('ioredis');
      const redis = new Redis(TEST_REDIS_URL);
      try {
        await redis.del(...made.splice(0));
      } finally {
        redis.disconnect();
      }
    },
  };
}
