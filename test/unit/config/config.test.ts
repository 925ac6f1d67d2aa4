import { describe, expect, it } from 'vitest';
import { DEFAULT_WORKERS, loadConfig, slackMode } from '../../../src/config/config.js';
import { ConfigError } from '../../../src/lib/errors.js';

describe('loadConfig', () => {
  it('runs on embedded defaults with an empty environment', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ PORT: 3000, SLACK_API_URL: 'https://slack.com/api/', SLACK_AGENT_TOKENS: {}, LOCAL_WORKSPACE_PORT: 3001 });
    expect(config.DATABASE_URL).toBeUndefined();
    expect(slackMode(config)).toBe('local');
  });

  it('treats blank variables as unset and chooses the Slack mode from what is set', () => {
    expect(slackMode(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's', DATABASE_URL: '  ' }))).toBe('http');
    expect(slackMode(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' }))).toBe('socket');
    expect(loadConfig({ DATABASE_URL: '  ' }).DATABASE_URL).toBeUndefined();
    expect(loadConfig({ SLACK_API_URL: 'http://127.0.0.1:9/api' }).SLACK_API_URL).toBe('http://127.0.0.1:9/api/');
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ SLACK_BOT_TOKEN: 'xoxp-user-token', SLACK_SIGNING_SECRET: 's' }, 'SLACK_BOT_TOKEN: must start with xoxb-'],
    [{ SLACK_AGENT_TOKENS: '{copywriter: xoxb-1}' }, 'SLACK_AGENT_TOKENS: must be a JSON object'],
    [{ SLACK_AGENT_TOKENS: '{"copywriter":"secret"}' }, 'SLACK_AGENT_TOKENS: must map agent ids to bot tokens'],
    [{ SLACK_BOT_TOKEN: 'xoxb-1' }, 'neither SLACK_SIGNING_SECRET (HTTP mode) nor SLACK_APP_TOKEN'],
    [{ SLACK_SIGNING_SECRET: 's' }, 'without SLACK_BOT_TOKEN'],
    [{ ANTHROPIC_BASE_URL: 'not a url' }, 'ANTHROPIC_BASE_URL'],
  ])('refuses %j with a message naming the variable', (env, expected) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(expected);
  });

  it('reads the dedicated agents of the local workspace as a list', () => {
    expect(loadConfig({ LOCAL_WORKSPACE_DEDICATED: 'copywriter, seo_specialist,' }).LOCAL_WORKSPACE_DEDICATED).toEqual(['copywriter', 'seo_specialist']);
  });

  describe('process roles', () => {
    const shared = { DATABASE_URL: 'postgres://db/dept', REDIS_URL: 'redis://cache:6379' };
    const http = { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's' };

    it('defaults to ROLE=all with DEFAULT_WORKERS worker processes', () => {
      const config = loadConfig({});
      expect(config.ROLE).toBe('all');
      expect(config.WORKERS).toBe(DEFAULT_WORKERS);
      expect(loadConfig({ WORKERS: ' ', ROLE: '' })).toMatchObject({ ROLE: 'all', WORKERS: DEFAULT_WORKERS });
      expect(loadConfig({ WORKERS: '0' }).WORKERS).toBe(0);
    });

    it('accepts a web process and a worker that share Postgres and Redis', () => {
      expect(loadConfig({ ROLE: 'web', ...shared, ...http }).ROLE).toBe('web');
      expect(loadConfig({ ROLE: 'web', ...shared, SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' }).ROLE).toBe('web');
      // A worker only posts: no signing secret or app token needed.
      expect(loadConfig({ ROLE: 'worker', ...shared, SLACK_BOT_TOKEN: 'xoxb-1' }).ROLE).toBe('worker');
    });

    it.each([
      [{ ROLE: 'scheduler' }, 'ROLE: must be all, web or worker'],
      [{ WORKERS: 'two' }, 'WORKERS: must be a whole number'],
      [{ WORKERS: '1.5' }, 'WORKERS: must be a whole number'],
      [{ WORKERS: '-1' }, 'WORKERS'],
      [{ WORKERS: '65' }, 'WORKERS'],
      [{ ROLE: 'web', ...http }, 'ROLE=web needs DATABASE_URL and REDIS_URL'],
      [{ ROLE: 'worker', DATABASE_URL: 'postgres://db/dept', SLACK_BOT_TOKEN: 'xoxb-1' }, 'ROLE=worker needs REDIS_URL'],
      [{ ROLE: 'worker', ...shared }, 'ROLE=worker needs SLACK_BOT_TOKEN'],
      [{ ROLE: 'web', ...shared }, 'ROLE=web needs SLACK_BOT_TOKEN with SLACK_SIGNING_SECRET'],
      [{ ROLE: 'web', ...shared, SLACK_BOT_TOKEN: 'xoxb-1' }, 'ROLE=web needs SLACK_BOT_TOKEN with SLACK_SIGNING_SECRET'],
    ])('refuses %j with a message naming the variable', (env, expected) => {
      expect(() => loadConfig(env)).toThrow(ConfigError);
      expect(() => loadConfig(env)).toThrow(expected);
    });
  });
});

describe('the publishing webhook', () => {
  it('is off unless PUBLISH_WEBHOOK_URL is set, and takes an http(s) URL with its secret', () => {
    expect(loadConfig({}).PUBLISH_WEBHOOK_URL).toBeUndefined();
    expect(loadConfig({ PUBLISH_WEBHOOK_URL: ' ', PUBLISH_WEBHOOK_SECRET: '' }).PUBLISH_WEBHOOK_URL).toBeUndefined();
    expect(loadConfig({ PUBLISH_WEBHOOK_URL: 'https://example.com/hooks/marketing', PUBLISH_WEBHOOK_SECRET: 's3cret' })).toMatchObject({
      PUBLISH_WEBHOOK_URL: 'https://example.com/hooks/marketing',
      PUBLISH_WEBHOOK_SECRET: 's3cret',
    });
    expect(loadConfig({ PUBLISH_WEBHOOK_URL: 'http://127.0.0.1:8080/publish', PUBLISH_WEBHOOK_SECRET: 's' }).PUBLISH_WEBHOOK_URL).toBe('http://127.0.0.1:8080/publish');
  });

  it.each([
    [{ PUBLISH_WEBHOOK_URL: 'https://example.com/hooks/marketing' }, 'PUBLISH_WEBHOOK_URL is set without PUBLISH_WEBHOOK_SECRET'],
    [{ PUBLISH_WEBHOOK_URL: 'ftp://example.com/drop', PUBLISH_WEBHOOK_SECRET: 's' }, 'PUBLISH_WEBHOOK_URL: must be an http:// or https:// URL'],
    [{ PUBLISH_WEBHOOK_URL: 'example.com/hooks', PUBLISH_WEBHOOK_SECRET: 's' }, 'PUBLISH_WEBHOOK_URL: must be an http:// or https:// URL'],
    [{ PUBLISH_WEBHOOK_URL: 'https://', PUBLISH_WEBHOOK_SECRET: 's' }, 'PUBLISH_WEBHOOK_URL: must be an http:// or https:// URL'],
    [{ ROLE: 'worker', DATABASE_URL: 'postgres://db/dept', REDIS_URL: 'redis://cache:6379', SLACK_BOT_TOKEN: 'xoxb-1', PUBLISH_WEBHOOK_URL: 'https://example.com/h' }, 'without PUBLISH_WEBHOOK_SECRET'],
  ])('refuses %j in one line naming the variable', (env, expected) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(expected);
    expect(() => loadConfig(env)).not.toThrow(/\n/);
  });
});
