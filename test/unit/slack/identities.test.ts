import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../../../src/config/config.js';
import { ConfigError } from '../../../src/lib/errors.js';
import { resolveIdentities } from '../../../src/slack/identities.js';
import { departmentFixture } from '../../support/department-fixture.js';
import { fastRetries, quiet, SLACK_API_URL, slackApi } from './slack-api.js';

const department = departmentFixture();
const config = (agentTokens: Record<string, string> = {}) =>
  ({ SLACK_BOT_TOKEN: 'xoxb-main', SLACK_API_URL, SLACK_AGENT_TOKENS: agentTokens }) as Config;
const authTest = (token: string, reply: Record<string, unknown>) =>
  slackApi().post('/api/auth.test').matchHeader('authorization', `Bearer ${token}`).reply(200, reply);
const bot = (user: string, botId: string, team = 'T1') => ({ ok: true, url: 'https://x.slack.com/', team: 'X', user, team_id: team, user_id: user, bot_id: botId });
const resolve = (c: Config) => resolveIdentities(c, department, quiet, { retryConfig: fastRetries });

beforeAll(() => nock.disableNetConnect());
afterAll(() => nock.enableNetConnect());
afterEach(() => nock.cleanAll());

describe('resolveIdentities', () => {
  it('knows the main bot and each dedicated agent bot', async () => {
    authTest('xoxb-main', bot('UAPP', 'BAPP'));
    authTest('xoxb-copy', bot('UCOPY', 'BCOPY'));
    const ids = await resolve(config({ copywriter: 'xoxb-copy' }));
    expect(ids.main).toMatchObject({ userId: 'UAPP', botId: 'BAPP', teamId: 'T1', name: 'UAPP' });
    expect(ids.main.client.slackApiUrl).toBe(SLACK_API_URL);
    const copy = ids.agent('copywriter');
    expect(copy).toMatchObject({ mode: 'dedicated', userId: 'UCOPY', botId: 'BCOPY' });
    if (copy.mode === 'dedicated') expect(copy.client.slackApiUrl).toBe(SLACK_API_URL);
    expect(ids.agent('seo_specialist')).toEqual({ mode: 'persona' });
    expect(ids.agentByUserId('UCOPY')).toBe('copywriter');
    expect(ids.agentByUserId('UAPP')).toBeUndefined();
    for (const id of ['UAPP', 'BAPP', 'UCOPY', 'BCOPY']) expect(ids.isOurBot(id)).toBe(true);
    expect(ids.isOurBot('UHUMAN')).toBe(false);
    expect(ids.isOurBot(undefined)).toBe(false);
  });

  it('names an unknown agent id and lists the valid ones', async () => {
    const err = await resolve(config({ copywritter: 'xoxb-x' })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as Error).message).toBe(
      'SLACK_AGENT_TOKENS names an unknown agent "copywritter": use one of cmo, content_manager, copywriter, designer, seo_specialist, vp_marketing.',
    );
  });

  it('says which agent token Slack rejected and why', async () => {
    authTest('xoxb-main', bot('UAPP', 'BAPP'));
    authTest('xoxb-bad', { ok: false, error: 'invalid_auth' });
    const err = await resolve(config({ copywriter: 'xoxb-bad' })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as Error).message).toMatch(/^SLACK_AGENT_TOKENS\.copywriter was rejected by Slack \(invalid_auth\): copy the Bot User OAuth Token of the Copywriter app again/);
  });

  it('says when the main token is rejected', async () => {
    authTest('xoxb-main', { ok: false, error: 'token_revoked' });
    await expect(resolve(config())).rejects.toThrow(/^SLACK_BOT_TOKEN was rejected by Slack \(token_revoked\)/);
  });

  it('refuses an agent token that is the main app\'s or another agent\'s', async () => {
    authTest('xoxb-main', bot('UAPP', 'BAPP'));
    authTest('xoxb-main', bot('UAPP', 'BAPP'));
    await expect(resolve(config({ copywriter: 'xoxb-main' }))).rejects.toThrow(/SLACK_AGENT_TOKENS\.copywriter is the bot token of the main app/);
  });

  it('refuses an agent bot from another workspace', async () => {
    authTest('xoxb-main', bot('UAPP', 'BAPP'));
    authTest('xoxb-copy', bot('UCOPY', 'BCOPY', 'T2'));
    await expect(resolve(config({ copywriter: 'xoxb-copy' }))).rejects.toThrow(/belongs to workspace T2/);
  });
});
