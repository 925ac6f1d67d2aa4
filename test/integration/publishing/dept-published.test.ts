import nock from 'nock';
import { pino } from 'pino';
import { beforeEach, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../../src/build-app.js';
import type { PublishRequest } from '../../../src/publishing/publisher.js';
import { appFileLifecycle } from '../../support/app-file-lifecycle.js';
import type { TestDatabase } from '../../support/database.js';
import { sendSignedForm, until } from '../../support/signed-events.js';
import { formBody } from '../../unit/slack/slack-api.js';
import { testConfig } from '../../support/test-config.js';

/**
 * `/dept published` through the real Bolt app over HTTP on Postgres, with publications made by
 * the publisher the composition root builds (PUBLISH_WEBHOOK_URL set). Slack's Web API and the
 * webhook are answered by nock.
 */
const SLACK = 'http://slack.test';
const HOOK = 'http://hooks.test';
const SECRET = 'published-signing-secret';
const ALEX = 'U0ALEX';

type Body = Record<string, unknown>;
let t: TestDatabase;
let app: App | undefined;
let responses: Body[];
let announcements: Body[];

function mockSlack() {
  responses = [];
  announcements = [];
  const api = nock(SLACK).persist();
  api.post('/api/auth.test').reply(200, { ok: true, url: 'https://t.slack.com/', team: 'T', user: 'marketing_dept', team_id: 'T0TEAM', user_id: 'U0APP', bot_id: 'B0APP' });
  api.post('/api/conversations.list').reply(200, { ok: true, channels: [{ id: 'C0PUBLISHED', name: 'marketing-published' }], response_metadata: { next_cursor: '' } });
  api.post('/api/chat.postMessage').reply(200, (_u, body) => (announcements.push(formBody(body)), { ok: true, channel: 'C0PUBLISHED', ts: `1800000000.00010${announcements.length}` }));
  api.post(/\/commands\/.*/).reply(200, (_u, body) => (responses.push(body as Body), { ok: true }));
}

async function start(): Promise<App> {
  const config = testConfig({
    PORT: '0', DATABASE_URL: t.url, SLACK_BOT_TOKEN: 'xoxb-main', SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: `${SLACK}/api/`,
    PUBLISH_WEBHOOK_URL: `${HOOK}/publish`, PUBLISH_WEBHOOK_SECRET: 'hook-secret',
  });
  return buildApp(config, { logger: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }) });
}

const dept = (text: string) =>
  sendSignedForm(app!.port(), SECRET, {
    token: 'x', team_id: 'T0TEAM', team_domain: 'acme', channel_id: 'C0CONTENT', channel_name: 'marketing-content', user_id: ALEX, user_name: 'alex',
    command: '/dept', text, api_app_id: 'A0APP', response_url: `${SLACK}/commands/T0TEAM/1/${ALEX}`, trigger_id: '1.2.cmd',
  });

/** Sends /dept with `text` and returns the one ephemeral answer. */
async function ask(text: string): Promise<Body> {
  const before = responses.length;
  expect((await dept(text)).status).toBe(200);
  await until(() => responses.length === before + 1, `the answer to /dept ${text}`);
  return responses[before]!;
}

const request = (over: Partial<PublishRequest>): PublishRequest => ({
  deliverableId: 'dlvb_x', version: 1, title: 'x', contentType: 'blog_post', content: '# x', author: 'copywriter', approvedBy: ALEX, conversationId: 'conv_x', rehearsal: false, ...over,
});

beforeEach(async () => {
  await t.query('truncate publications');
  mockSlack();
  app = await start();
});
appFileLifecycle({
  database: (db) => (t = db),
  stopApp: async () => {
    await app?.stop();
    app = undefined;
  },
});

describe('/dept published', () => {
  it('says plainly when nothing has been published', async () => {
    const answer = await ask('published');
    expect(answer).toMatchObject({ response_type: 'ephemeral', text: 'Publications (0)' });
    expect(JSON.stringify(answer.blocks)).toContain('Nothing has been published yet. Approved deliverables are listed here once they are published.');
  });

  it('lists the latest publications, newest first: title, type, version, who approved, when, and where each went', async () => {
    nock(HOOK).post('/publish').reply(200).post('/publish').reply(422);
    const costs = await app!.publisher.publish(request({ deliverableId: 'dlvb_costs', version: 2, title: 'AI costs for small businesses', approvedBy: ALEX }));
    expect(costs.said).toBe("Published to the department's library and announced in #marketing-published, and sent to your publishing webhook (HTTP 200).");
    const email = await app!.publisher.publish(request({ deliverableId: 'dlvb_spring', title: 'Spring launch email', contentType: 'email', author: 'content_manager', approvedBy: null }));
    expect(email.where).toEqual(['library']);
    expect(announcements.map((a) => a.channel)).toEqual(['C0PUBLISHED', 'C0PUBLISHED']);

    const answer = await ask('published');
    expect(answer).toMatchObject({ response_type: 'ephemeral', text: 'Publications (2)' });
    const text = JSON.stringify(answer.blocks);
    expect(text).toContain('*Latest publications*');
    expect(text.indexOf('Spring launch email')).toBeLessThan(text.indexOf('AI costs for small businesses'));
    expect(text).toContain(`*AI costs for small businesses* — blog post, version 2, by Copywriter · approved by <@${ALEX}> · <!date^`);
    expect(text).toContain("Went to the department's library and your publishing webhook (HTTP 200).");
    expect(text).toContain('*Spring launch email* — email, version 1, by Content Manager · no approval needed (L4) · <!date^');
    expect(text).toContain("Went to the department's library only; the publishing webhook failed: HTTP 422, refused by the receiver.");
  });

  it('finds publications by words in their title, type or text', async () => {
    nock(HOOK).post('/publish').times(2).reply(200);
    await app!.publisher.publish(request({ deliverableId: 'dlvb_costs', title: 'AI costs for small businesses', content: 'Budgets for automation.' }));
    await app!.publisher.publish(request({ deliverableId: 'dlvb_spring', title: 'Spring launch email', contentType: 'email' }));

    const byTitle = JSON.stringify((await ask('published spring')).blocks);
    expect(byTitle).toContain('Publications matching \\"spring\\"');
    expect(byTitle).toContain('Spring launch email');
    expect(byTitle).not.toContain('AI costs');
    expect(JSON.stringify((await ask('published automation')).blocks)).toContain('AI costs for small businesses');
    const none = await ask('published nothing-like-this');
    expect(none.text).toBe('Publications (0)');
    expect(JSON.stringify(none.blocks)).toContain('None.');
  });

  it('is in the usage /dept help gives', async () => {
    expect((await ask('help')).text).toContain('`/dept published [words]` lists the latest publications and where they went');
  });
});
