import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { describe, expect, it, onTestFinished } from 'vitest';
import { buildApp } from '../../../src/build-app.js';
import { ALEX, APP_USER, cardsHarness } from '../../support/cards-harness.js';
import { appMention, sendSigned, until } from '../../support/signed-events.js';
import { testConfig } from '../../support/test-config.js';

/**
 * The content workflow on the embedded defaults a first run gets (PGlite, the in-process bus, the
 * rehearsal model): a step's turn runs in the bus's own context, never in the workflow node's that
 * published it (it would inherit the run's LangGraph config and write into its checkpoints).
 */
const h = cardsHarness('embedded');

describe('the content workflow on the embedded defaults', () => {
  it('runs to the approval card and, approved, to publication', async () => {
    h.mockSlack();
    const dataDir = mkdtempSync(path.join(tmpdir(), 'dept-embedded-'));
    onTestFinished(() => rmSync(dataDir, { recursive: true, force: true }));
    const config = testConfig({ PORT: '0', DATA_DIR: dataDir, SLACK_BOT_TOKEN: 'xoxb-main', SLACK_SIGNING_SECRET: h.secret, SLACK_API_URL: 'http://slack.test/api/', APPROVERS: ALEX });
    h.app = await buildApp(config, { logger: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }) });
    const ask = appMention(APP_USER, 'content we need a blog post on AI costs for small businesses');
    await sendSigned(h.app.port(), h.secret, ask);
    await until(() => h.cards('approval').length === 2, 'the approval cards', 40_000);
    const [request] = await h.work().pendingApprovals();
    const card = h.cards('approval').find((c) => !c.thread_ts)!;
    await h.interaction(h.click(ALEX, 'dept_approve', request!.id, card));
    const thread = () => h.posts.filter((p) => p.thread_ts === ask.event.ts);
    await until(() => thread().some((p) => String(p.text).includes('*Workflow done:* published')), 'the workflow to finish', 40_000);
    expect(thread().filter((p) => String(p.text).includes('*Workflow done:*'))).toHaveLength(1);
  }, 90_000);
});
