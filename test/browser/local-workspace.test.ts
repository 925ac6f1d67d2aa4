import { existsSync } from 'node:fs';
import { pino } from 'pino';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../src/build-app.js';
import { WorkStore } from '../../src/store/work-store.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { TEST_REDIS_URL, testStreams } from '../support/services.js';
import { testConfig } from '../support/test-config.js';

/**
 * The product as a person meets it with no Slack account: `npm start`'s local workspace in a
 * real browser (Debian's Chromium driven by playwright-core), talking to the unchanged app.
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const streams = testStreams('browser');
let t: TestDatabase;
let app: App;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`The browser test needs Chromium at ${CHROMIUM}: apt-get install chromium (or set CHROMIUM_PATH)`);
  t = await createTestDatabase();
  const config = testConfig({
    PORT: '0',
    LOCAL_WORKSPACE_PORT: '0',
    DATABASE_URL: t.url,
    REDIS_URL: TEST_REDIS_URL,
    REDIS_STREAM: streams.next(),
    SHUTDOWN_GRACE_SECONDS: '1',
    APPROVERS: 'U0LOCALHUMAN1', // Alex Rivera, the page's first person
  });
  app = await buildApp(config, { logger: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }) });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.goto(app.workspaceUrl!);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await t?.drop();
  await streams.cleanUp();
});

describe('the department in the local workspace, in a browser', () => {
  it('opens on the DM with the app, where a plain hello is answered, as the pinned welcome says', async () => {
    await expect.poll(() => page.getByTestId('channel-title').innerText()).toBe('Marketing Dept');
    await expect.poll(() => page.getByTestId('pinned-message').innerText()).toContain('Say hello right here.');
    expect(await page.locator('#channel-topic').innerText()).toContain('(the front desk) answers every message here');
    expect(await page.getByTestId('banner').innerText()).toMatch(/^Rehearsal model: .*not Claude/);
    expect(await page.locator('link[rel=icon]').getAttribute('href')).toBe('/client/favicon.svg');
    expect((await page.request.get(new URL('/favicon.ico', app.workspaceUrl).toString())).headers()['content-type']).toBe('image/svg+xml');

    const composer = page.getByTestId('composer-input');
    await composer.fill('hello');
    await composer.press('Enter');
    const mine = page.getByTestId('message').filter({ hasText: 'hello' }).first();
    await mine.getByTestId('thread-link').click({ timeout: 15_000 });
    const thread = page.getByTestId('thread-pane');
    await expect.poll(() => thread.getByTestId('message-author').allInnerTexts(), { timeout: 15_000 }).toContain('VP of Marketing');
    const replies = (await thread.getByTestId('message').count()) - 1;
    expect(await thread.getByTestId('thread-divider').innerText()).toBe(replies === 1 ? '1 reply' : `${replies} replies`);
  });

  it('keeps a message that could not be sent in the box and says so', async () => {
    await page.click('[data-testid=channel-item][data-channel-name=general]');
    expect(await page.locator('#channel-topic').innerText()).toContain('only when you name one');
    // The server is down for the page's posts: the request fails as a refused connection does.
    await page.route('**/ui/channels/*/messages', (route) => (route.request().method() === 'POST' ? route.abort('connectionrefused') : route.continue()));
    const composer = page.getByTestId('composer-input');
    try {
      await composer.fill('is anyone there?');
      await composer.press('Enter');
      await expect.poll(() => page.getByTestId('composer').getByTestId('composer-error').innerText()).toMatch(/^Not sent: The local workspace did not answer/);
      expect(await composer.inputValue()).toBe('is anyone there?');
    } finally {
      await page.unroute('**/ui/channels/*/messages');
    }
    await composer.press('Enter');
    await expect.poll(() => page.getByTestId('message').filter({ hasText: 'is anyone there?' }).count()).toBe(1);
    expect(await composer.inputValue()).toBe('');
    expect(await page.getByTestId('composer').getByTestId('composer-error').isHidden()).toBe(true);
  });

  it('answers an @mention in the thread under the agent\'s own name', async () => {
    await page.click('[data-testid=channel-item][data-channel-name=marketing-insights]');
    await expect.poll(() => page.getByTestId('message-list').innerText()).toContain('No messages yet');
    // Typed as the mention picker inserts it for a persona agent (@handle). The picker itself
    // sometimes does not open right after a channel switch here (noted on issue 9), so it is not
    // relied on by this test.
    const composer = page.getByTestId('composer-input');
    await composer.fill("@analytics how did last week's newsletter perform?");
    await page.getByTestId('composer-send').click();

    const mine = page.getByTestId('message').filter({ hasText: "how did last week's newsletter perform?" });
    await mine.getByTestId('thread-link').click({ timeout: 15_000 });
    const thread = page.getByTestId('thread-pane');
    await expect.poll(() => thread.getByTestId('message-author').allInnerTexts(), { timeout: 15_000 }).toContain('Analytics Specialist');
    await expect.poll(() => thread.innerText()).toContain('Rehearsal model');
  });

  it('runs /dept, asks an agent through its Ask button and modal, and the agent answers in the new thread', async () => {
    await page.click('[data-testid=channel-item][data-channel-name=marketing-content]');
    const composer = page.getByTestId('composer-input');
    await composer.fill('/dept');
    await page.getByTestId('composer-send').click();

    const ask = page.locator('[data-testid=block-button][data-action-id=dept_ask_agent][data-value=seo_specialist]');
    const modal = page.getByTestId('modal');
    // Escape closes a modal.
    await ask.click({ timeout: 15_000 });
    await expect.poll(() => modal.count()).toBe(1);
    await page.keyboard.press('Escape');
    await expect.poll(() => modal.count()).toBe(0);
    // A reload closes a modal left open, and forgets the ephemeral directory, as in Slack.
    await ask.click();
    await expect.poll(() => modal.count()).toBe(1);
    await page.reload();
    await expect.poll(() => page.getByTestId('channel-title').innerText()).toBe('# marketing-content');
    await expect.poll(() => page.getByTestId('current-user').innerText()).toBe('Alex Rivera');
    await page.waitForTimeout(300);
    expect(await modal.count()).toBe(0);
    expect(await ask.count()).toBe(0);

    await composer.fill('/dept');
    await page.getByTestId('composer-send').click();
    await ask.click({ timeout: 15_000 });
    await expect.poll(() => modal.getByTestId('modal-title').innerText()).toBe('Ask SEO Specialist');
    const intro = await modal.locator('.modal-body').innerText();
    expect(intro).toContain('SEO Specialist');
    expect(intro).not.toContain('SEO Specialist — SEO Specialist');
    await modal.getByTestId('modal-input').first().fill('Which keywords should our pricing page target?');
    await modal.getByTestId('modal-submit').click();
    await expect.poll(() => modal.count()).toBe(0);

    const root = page.getByTestId('message').filter({ hasText: 'Which keywords should our pricing page target?' });
    await root.getByTestId('thread-link').click({ timeout: 15_000 });
    const thread = page.getByTestId('thread-pane');
    await expect.poll(() => thread.getByTestId('message-author').allInnerTexts(), { timeout: 15_000 }).toContain('SEO Specialist');
  });

  it('shows the department on the App Home tab', async () => {
    await page.getByTestId('home-tab').click();
    const home = page.getByTestId('home-view');
    await expect.poll(() => home.innerText(), { timeout: 15_000 }).toContain('Marketing Department');
    expect(await home.locator('[data-testid=block-button][data-action-id=dept_ask_agent]').count()).toBe(app.department.agents.length);

    // Asking from Home (no channel) starts the thread in the person's DM with the app.
    await home.locator('[data-testid=block-button][data-value=cmo]').click();
    const modal = page.getByTestId('modal');
    await modal.getByTestId('modal-input').first().fill('What should we prioritise next quarter?');
    await modal.getByTestId('modal-submit').click();
    await page.getByTestId('dm-item').first().click();
    const root = page.getByTestId('message').filter({ hasText: 'What should we prioritise next quarter?' });
    await root.getByTestId('thread-link').click({ timeout: 15_000 });
    await expect.poll(() => page.getByTestId('thread-pane').getByTestId('message-author').allInnerTexts(), { timeout: 15_000 }).toContain('CMO');
  });

  it('decides approval cards from /dept approvals and from the App Home tab, each list shown again without the decided card', async () => {
    const work = new WorkStore(app.store.db);
    const request = async (title: string) => {
      const d = await work.submitDeliverable({ contentType: 'blog_post', title, author: 'copywriter', content: `${title}: the draft.` });
      return work.requestApproval({ deliverableId: d!.deliverableId, version: d!.version, summary: `Publish ${title}`, requestedBy: 'content_manager', autonomyLevel: 'L3' });
    };
    const first = await request('The AI cost post');
    const second = await request('The spring launch email');
    const approve = (id: string) => `[data-testid=block-button][data-action-id=dept_approve][data-value=${id}]`;

    await page.click('[data-testid=channel-item][data-channel-name=marketing-content]');
    await page.getByTestId('composer-input').fill('/dept approvals');
    await page.getByTestId('composer-send').click();
    const list = page.getByTestId('message').filter({ hasText: 'Waiting for approval' });
    await expect.poll(() => list.locator(approve(first.id)).count(), { timeout: 15_000 }).toBe(1);
    expect(await list.innerText()).toContain('The AI cost post: the draft.');
    await list.locator(approve(first.id)).click();
    await expect.poll(() => list.innerText()).toContain('Approved: Publish The AI cost post');
    expect(await list.locator(approve(first.id)).count()).toBe(0);
    expect(await list.locator(approve(second.id)).count()).toBe(1);

    await page.getByTestId('home-tab').click();
    const home = page.getByTestId('home-view');
    await expect.poll(() => home.locator(approve(second.id)).count(), { timeout: 15_000 }).toBe(1);
    expect(await home.innerText()).toContain('Waiting for your decision (1)');
    await home.locator(approve(second.id)).click();
    await expect.poll(() => home.innerText()).toContain('Approved: Publish The spring launch email');
    expect(await home.locator(approve(second.id)).count()).toBe(0);
    expect(await home.innerText()).toContain('Nothing waits for approval.');
    expect((await work.approvalWithDraft(second.id))!.request).toMatchObject({ state: 'approved', decidedBy: 'U0LOCALHUMAN1' });
  });

  it('as Alex (an approver) asks the Content Manager for a blog post: the content workflow ends in cards in the thread and #dept-approvals; Sam cannot decide; changes bring a new card; Approve publishes it', async () => {
    const shot = (name: string) => (process.env.SCREENSHOTS ? page.screenshot({ path: `${process.env.SCREENSHOTS}/${name}.png` }) : Promise.resolve());
    await page.click('[data-testid=channel-item][data-channel-name=marketing-content]');
    const composer = page.getByTestId('composer-input');
    await composer.fill('@content we need a blog post on AI costs for small businesses');
    await page.getByTestId('composer-send').click();
    const mine = page.getByTestId('message').filter({ hasText: 'we need a blog post on AI costs for small businesses' }).first();
    await mine.getByTestId('thread-link').click({ timeout: 15_000 });
    const thread = page.getByTestId('thread-pane');
    const button = (action: string) => thread.locator(`[data-testid=block-button][data-action-id=${action}]`);
    await expect.poll(() => button('dept_approve').count(), { timeout: 20_000 }).toBe(1);
    const card = thread.getByTestId('message').filter({ has: page.locator('[data-action-id=dept_approve]') });
    expect(await card.innerText()).toMatch(/Approval needed[\s\S]*AI costs for small businesses[\s\S]*L3[\s\S]*Rehearsal content/);
    // The workflow's steps came first, each under its agent's name.
    expect(await thread.getByTestId('message-author').allInnerTexts()).toEqual(expect.arrayContaining(['SEO Specialist', 'Copywriter', 'Designer', 'Director of Communications']));
    await shot('hitl-1-card-in-thread');

    // Sam is not an approver: told so, only Sam sees it, and the card still waits.
    await page.getByTestId('user-switcher').selectOption('U0LOCALHUMAN2');
    await expect.poll(() => page.getByTestId('current-user').innerText()).toBe('Sam Chen');
    await page.click('[data-testid=channel-item][data-channel-name=dept-approvals]');
    const channelCard = page.getByTestId('message').filter({ has: page.locator('[data-action-id=dept_approve]') }).last();
    await channelCard.locator('[data-action-id=dept_approve]').click({ timeout: 15_000 });
    const refusal = page.getByTestId('message').filter({ has: page.getByTestId('ephemeral-note') }).filter({ hasText: 'You cannot decide this' });
    await expect.poll(() => refusal.count(), { timeout: 15_000 }).toBe(1);
    expect(await channelCard.locator('[data-action-id=dept_approve]').count()).toBe(1);
    await shot('hitl-2-sam-refused');

    // Alex asks for changes: the modal takes the comment; the card shows the outcome; a revised draft brings a new card.
    await page.getByTestId('user-switcher').selectOption('U0LOCALHUMAN1');
    await expect.poll(() => page.getByTestId('current-user').innerText()).toBe('Alex Rivera');
    await page.click('[data-testid=channel-item][data-channel-name=dept-approvals]');
    await page.getByTestId('message').filter({ has: page.locator('[data-action-id=dept_request_changes]') }).last().locator('[data-action-id=dept_request_changes]').click({ timeout: 15_000 });
    await page.getByTestId('modal-input').fill('Open with a cost table for a five-person team.');
    await shot('hitl-3-changes-modal');
    await page.getByTestId('modal-submit').click();
    await expect.poll(() => page.getByTestId('message-list').innerText(), { timeout: 15_000 }).toContain('Changes requested by');
    await expect.poll(() => page.getByTestId('message').filter({ has: page.locator('[data-action-id=dept_approve]') }).count(), { timeout: 20_000 }).toBe(1);
    const revised = page.getByTestId('message').filter({ has: page.locator('[data-action-id=dept_approve]') });
    expect(await revised.innerText()).toContain('(v3)'); // v2 came from the Content Manager's review
    await shot('hitl-4-new-card');

    await revised.locator('[data-action-id=dept_approve]').click();
    await expect.poll(() => page.getByTestId('message-list').innerText(), { timeout: 15_000 }).toContain('Approved by');
    await page.click('[data-testid=channel-item][data-channel-name=marketing-content]');
    await mine.getByTestId('thread-link').click();
    await expect.poll(() => thread.innerText(), { timeout: 20_000 }).toContain('Workflow done:');
    expect(await thread.innerText()).toContain("Published to the department's library");
    expect(await button('dept_approve').count()).toBe(0);
    await shot('hitl-5-thread-after');

    // What happened is on record: /dept decisions.
    await composer.fill('/dept decisions blog');
    await page.getByTestId('composer-send').click();
    await expect.poll(() => page.getByTestId('message-list').innerText(), { timeout: 15_000 }).toMatch(/Changes requested[\s\S]*Approved|Approved[\s\S]*Changes requested/);
    await shot('hitl-6-decisions');
  });

  it('/dept standup: the VP opens a thread in #dept-standup, every agent posts its update under its own name, and the VP closes it with what was decided', async () => {
    const shot = (name: string) => (process.env.SCREENSHOTS ? page.screenshot({ path: `${process.env.SCREENSHOTS}/${name}.png` }) : Promise.resolve());
    await page.click('[data-testid=channel-item][data-channel-name=marketing-content]');
    const composer = page.getByTestId('composer-input');
    await composer.fill('/dept standup');
    await page.getByTestId('composer-send').click();
    await expect.poll(() => page.getByTestId('message-list').innerText(), { timeout: 15_000 }).toContain('The daily standup starts now in #dept-standup');
    await page.click('[data-testid=channel-item][data-channel-name=dept-standup]');
    const opening = page.getByTestId('message').filter({ hasText: 'Daily standup —' }).first();
    await opening.getByTestId('thread-link').click({ timeout: 15_000 });
    const thread = page.getByTestId('thread-pane');
    // About one post a second: fourteen updates and the closing.
    await expect.poll(() => thread.innerText(), { timeout: 40_000 }).toContain('Summary');
    // The opening's replies: every agent once, in the department's order, then the VP's closing.
    const authors = await thread.getByTestId('message-author').allInnerTexts();
    expect(authors.slice(1)).toEqual([...app.department.agents.map((a) => a.name), 'VP of Marketing']);
    expect(await thread.getByTestId('message').last().innerText()).toMatch(/Summary[\s\S]*Decisions[\s\S]*Priority today: /);
    const text = await thread.innerText();
    // The Copywriter reports the blog post of the test before, by its record.
    expect(text).toMatch(/Copywriter: daily standup update[\s\S]*AI costs for small businesses[\s\S]*\[dlvb_[0-9a-f]+\]/);
    expect(text).toMatch(/Nothing to report since the last daily standup\./);
    await shot('meeting-1-standup-thread');
    await expect.poll(() => page.getByTestId('message-list').innerText(), { timeout: 15_000 }).toMatch(/Done: 14 updates/);
    await shot('meeting-2-standup-status');
  });
  it("remembers a brand rule from /dept remember: the Copywriter follows and cites it in another thread, and /dept search finds it with the department's decisions and published posts", async () => {
    const shot = (name: string) => (process.env.SCREENSHOTS ? page.screenshot({ path: `${process.env.SCREENSHOTS}/${name}.png` }) : Promise.resolve());
    await page.click('[data-testid=channel-item][data-channel-name=marketing-content]');
    const composer = page.getByTestId('composer-input');
    await composer.fill("/dept remember never say 'cheap'; say 'affordable'");
    await page.getByTestId('composer-send').click();
    await expect.poll(() => page.getByTestId('message-list').innerText(), { timeout: 15_000 }).toContain("Remembered: “never say 'cheap'; say 'affordable'”");
    await shot('memory-1-remembered');

    await composer.fill('@copywriter write a LinkedIn post about cheap AI tools for small teams');
    await page.getByTestId('composer-send').click();
    const mine = page.getByTestId('message').filter({ hasText: 'write a LinkedIn post about cheap AI tools' }).first();
    await mine.getByTestId('thread-link').click({ timeout: 15_000 });
    const thread = page.getByTestId('thread-pane');
    await expect.poll(() => thread.innerText(), { timeout: 20_000 }).toContain('Brand rule followed');
    const text = await thread.innerText();
    expect(text).toMatch(/Affordable AI tools for small teams/);
    expect(text).toMatch(/Brand rule followed: “cheap” → “affordable”/);
    await shot('memory-2-rule-followed');

    // The rule is found by its words, with the id to forget it by.
    const id = /\/dept forget (note:kn_[0-9a-f]+)/.exec(await page.getByTestId('message-list').innerText())![1]!;
    await composer.fill('/dept search cheap');
    await page.getByTestId('composer-send').click();
    await expect.poll(() => page.getByTestId('message-list').innerText(), { timeout: 15_000 }).toMatch(new RegExp(`What the department knows about "cheap"[\\s\\S]*never say 'cheap'; say 'affordable'[\\s\\S]*${id}`));

    // The blog post published by the workflow test, and its decisions, are in the memory once the sync has read them.
    await expect
      .poll(
        async () => {
          await composer.fill('/dept search AI costs for small businesses');
          await page.getByTestId('composer-send').click();
          await page.waitForTimeout(1500);
          return page.getByTestId('message-list').innerText();
        },
        { timeout: 40_000, interval: 2000 },
      )
      .toMatch(/What the department knows about "AI costs for small businesses"[\s\S]*— publication, Copywriter[\s\S]*— decision, /);
    await page.getByTestId('message-list').evaluate((el) => el.scrollTo(0, el.scrollHeight));
    await shot('memory-3-search');
  });
});
