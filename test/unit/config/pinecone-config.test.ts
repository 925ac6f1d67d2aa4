import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/config.js';
import { ConfigError } from '../../../src/lib/errors.js';

describe('the Pinecone knowledge index settings', () => {
  it('are off unless PINECONE_API_KEY is set, and take the index name with it', () => {
    expect(loadConfig({}).PINECONE_API_KEY).toBeUndefined();
    expect(loadConfig({}).PINECONE_INDEX).toBeUndefined();
    expect(loadConfig({ PINECONE_API_KEY: ' ', PINECONE_INDEX: '' }).PINECONE_INDEX).toBeUndefined();
    expect(loadConfig({ PINECONE_API_KEY: 'pcsk_1', PINECONE_INDEX: ' dept-knowledge ' })).toMatchObject({ PINECONE_API_KEY: 'pcsk_1', PINECONE_INDEX: 'dept-knowledge' });
    // A name alone changes nothing: without the key the knowledge base is Postgres full-text.
    expect(loadConfig({ PINECONE_INDEX: 'dept-knowledge' }).PINECONE_API_KEY).toBeUndefined();
  });

  it.each([
    [{ PINECONE_API_KEY: 'pcsk_1' }, 'PINECONE_API_KEY is set without PINECONE_INDEX'],
    [{ PINECONE_API_KEY: 'pcsk_1', PINECONE_INDEX: '   ' }, 'PINECONE_API_KEY is set without PINECONE_INDEX'],
    [{ ROLE: 'worker', DATABASE_URL: 'postgres://db/dept', REDIS_URL: 'redis://cache:6379', SLACK_BOT_TOKEN: 'xoxb-1', PINECONE_API_KEY: 'pcsk_1' }, 'without PINECONE_INDEX'],
    [{ PINECONE_API_KEY: 'pcsk_1', PINECONE_INDEX: 'Dept_Knowledge' }, 'PINECONE_INDEX: must be a Pinecone index name'],
    [{ PINECONE_API_KEY: 'pcsk_1', PINECONE_INDEX: '-knowledge' }, 'PINECONE_INDEX: must be a Pinecone index name'],
    [{ PINECONE_API_KEY: 'pcsk_1', PINECONE_INDEX: 'k'.repeat(46) }, 'PINECONE_INDEX: must be a Pinecone index name'],
  ])('refuses %j in one line naming the variable', (env, expected) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(expected);
    expect(() => loadConfig(env)).not.toThrow(/\n/);
  });

  it('accepts index names at the limits Pinecone documents', () => {
    expect(loadConfig({ PINECONE_API_KEY: 'k', PINECONE_INDEX: 'k' }).PINECONE_INDEX).toBe('k');
    expect(loadConfig({ PINECONE_API_KEY: 'k', PINECONE_INDEX: 'k'.repeat(45) }).PINECONE_INDEX).toBe('k'.repeat(45));
  });
});
