import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/config.js';
import { processPlan } from '../../../src/roles/process-role.js';

const shared = { DATABASE_URL: 'postgres://db/dept', REDIS_URL: 'redis://cache:6379' };
const http = { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's' };
const fork = { canFork: true };

describe('processPlan', () => {
  it('ROLE=all forks WORKERS workers only when Postgres and Redis are shared', () => {
    expect(processPlan(loadConfig({ ...shared, WORKERS: '3' }), fork)).toEqual({ answersSlack: true, runsTurns: false, forks: 3 });
    // The embedded defaults live inside one process: everything stays here.
    expect(processPlan(loadConfig({ WORKERS: '3' }), fork)).toEqual({ answersSlack: true, runsTurns: true, forks: 0 });
    expect(processPlan(loadConfig({ DATABASE_URL: shared.DATABASE_URL, WORKERS: '3' }), fork)).toEqual({ answersSlack: true, runsTurns: true, forks: 0 });
    expect(processPlan(loadConfig({ REDIS_URL: shared.REDIS_URL, WORKERS: '3' }), fork)).toEqual({ answersSlack: true, runsTurns: true, forks: 0 });
    expect(processPlan(loadConfig({ ...shared, WORKERS: '0' }), fork)).toEqual({ answersSlack: true, runsTurns: true, forks: 0 });
  });

  it('ROLE=all embedded without a way to fork (tests) runs its turns itself', () => {
    expect(processPlan(loadConfig({ ...shared, WORKERS: '3' }), { canFork: false })).toEqual({ answersSlack: true, runsTurns: true, forks: 0 });
  });

  it('ROLE=web only answers Slack; ROLE=worker only runs turns and forks nothing', () => {
    expect(processPlan(loadConfig({ ROLE: 'web', ...shared, ...http }), fork)).toEqual({ answersSlack: true, runsTurns: false, forks: 0 });
    expect(processPlan(loadConfig({ ROLE: 'worker', ...shared, SLACK_BOT_TOKEN: 'xoxb-1', WORKERS: '4' }), fork)).toEqual({
      answersSlack: false,
      runsTurns: true,
      forks: 0,
    });
  });
});
