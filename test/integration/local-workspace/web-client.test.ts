import { webApi } from '@slack/bolt';
import { pino } from 'pino';
import { freePort } from '../../../src/lib/free-port.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalWorkspace } from '../../../src/local-workspace/index.js';
import { startFakeApp } from '../../unit/local-workspace/support/fake-app.js';
import { ALEX, DEPT_CHANNELS, SAM, SECRET, listen, startHarness, ui, type Harness } from './setup.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.stop());

describe('the app\'s WebClient against the local workspace', () => {
  it('chat.postMessage with username/icon_emoji, then conversations.replies returns the thread', async () => {
    const channel = await h.channel('marketing-content');
    const root = await h.client.chat.postMessage({ channel, text: 'Blog post: AI costs', username: 'Content Manager', icon_emoji: ':memo:' });
    expect(root).toMatchObject({ ok: true, channel, ts: expect.stringMatching(/^\d{10}\.\d{6}$/), message: { username: 'Content Manager', icons: { emoji: ':memo:' }, bot_id: 'B0LOCALBOT' } });
    await h.client.chat.postMessage({ channel, thread_ts: root.ts, text: '@copywriter please draft it', username: 'Content Manager', icon_emoji: ':memo:' });
    await h.client.chat.postMessage({ channel, thread_ts: root.ts, text: 'Draft attached', username: 'Copywriter', icon_emoji: ':pencil2:' });
    const thread = await h.client.conversations.replies({ channel, ts: root.ts! });
    expect(thread.messages!.map((m) => [(m as { username?: string }).username, m.text])).toEqual([
      ['Content Manager', 'Blog post: AI costs'],
      ['Content Manager', '@copywriter please draft it'],
      ['Copywriter', 'Draft attached'],
    ]);
    expect(thread.messages![0]).toMatchObject({ reply_count: 2, thread_ts: root.ts });
    const page = await ui(h.ws, 'GET', `/ui/channels/${channel}/threads/${root.ts}`, ALEX);
    expect(page.messages.map((m: { author: { name: string; icon: string } }) => m.author)).toEqual([
      { name: 'Content Manager', icon: ':memo:', isBot: true },
      { name: 'Content Manager', icon: ':memo:', isBot: true },
      { name: 'Copywriter', icon: ':pencil2:', isBot: true },
    ]);
  });

  it('surfaces Slack errors as the SDK\'s platform errors', async () => {
    await expect(h.client.chat.postMessage({ channel: 'C0NOPE', text: 'x' })).rejects.toMatchObject({ code: 'slack_webapi_platform_error', data: { ok: false, error: 'channel_not_found' } });
    const bad = new webApi.WebClient('xoxb-wrong', { slackApiUrl: h.ws.apiUrl, retryConfig: { retries: 0 } });
    await expect(bad.auth.test()).rejects.toMatchObject({ data: { error: 'invalid_auth' } });
  });

  it('pushes new messages, edits and ephemerals to the open page live', async () => {
    const channel = await h.channel('dept-decisions');
    const alex = await listen(`${h.ws.url}ui/stream?as=${ALEX}`);
    const sam = await listen(`${h.ws.url}ui/stream?as=${SAM}`);
    const posted = await h.client.chat.postMessage({ channel, text: 'Decision recorded', username: 'CMO', icon_emoji: ':briefcase:' });
    await h.client.chat.update({ channel, ts: posted.ts!, text: 'Decision recorded (final)' });
    await h.client.chat.postEphemeral({ channel, user: SAM, text: 'just for Sam' });
    await new Promise((r) => setTimeout(r, 200));
    await alex.stop();
    await sam.stop();
    expect(alex.events).toEqual(
      expect.arrayContaining([
        { type: 'message', message: expect.objectContaining({ ts: posted.ts, channel, text: 'Decision recorded', author: { name: 'CMO', icon: ':briefcase:', isBot: true } }) },
        { type: 'message_changed', message: expect.objectContaining({ ts: posted.ts, text: 'Decision recorded (final)' }) },
      ]),
    );
    expect(alex.events.some((e) => e.message?.text === 'just for Sam')).toBe(false);
    expect(sam.events.some((e) => e.message?.text === 'just for Sam' && e.message.ephemeral === true)).toBe(true);
  });

  it('serves the page, its scripts and styles with a strict content security policy', async () => {
    const page = await fetch(h.ws.url);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await page.text();
    expect(html).toContain('data-testid="composer"');
    for (const file of ['app.js', 'mrkdwn.js', 'blocks.js', 'style.css']) expect((await fetch(`${h.ws.url}client/${file}`)).status).toBe(200);
    expect((await fetch(`${h.ws.url}client/..%2Fschema.ts`)).status).toBe(404);
    expect((await fetch(`${h.ws.url}client/mrkdwn.d.ts`)).status).toBe(404);
  });
});

describe('start-up', () => {
  it('a restart forgets ephemeral messages and applies the guide: topics, the landing DM, its pinned welcome, the banner', async () => {
    const channel = await h.channel('marketing-content');
    await h.client.chat.postEphemeral({ channel, user: ALEX, text: 'for the moment only' });
    expect((await h.db.query<{ n: number }>("select count(*)::int as n from lw_messages where visible_to is not null")).rows[0]!.n).toBeGreaterThan(0);
    const again = await startLocalWorkspace({
      db: h.db.database.db,
      port: 0,
      appUrl: h.app.url,
      signingSecret: SECRET,
      channels: DEPT_CHANNELS,
      agents: [],
      logger: pino({ level: 'silent' }),
      guide: { topics: { 'marketing-content': 'Content Manager answers new messages here.' }, appDmTopic: 'The front desk answers.', welcome: '*Welcome* — say hello', banner: 'Rehearsal model' },
    });
    try {
      expect((await h.db.query<{ n: number }>("select count(*)::int as n from lw_messages where visible_to is not null")).rows[0]!.n).toBe(0);
      const client = new webApi.WebClient(again.botToken, { slackApiUrl: again.apiUrl, retryConfig: { retries: 0 } });
      expect((await client.conversations.info({ channel })).channel!.topic!.value).toBe('Content Manager answers new messages here.');
      const boot = await ui(again, 'GET', '/ui/bootstrap', SAM);
      const landing = boot.channels.find((c: { id: string }) => c.id === boot.landing);
      expect(landing).toMatchObject({ isIm: true, partner: 'U0LOCALBOT', topic: 'The front desk answers.', pinned: { text: '*Welcome* — say hello' } });
      expect(boot.channels.filter((c: { pinned: unknown }) => c.pinned)).toHaveLength(1);
      expect(boot.banner).toBe('Rehearsal model');
    } finally {
      await again.stop();
    }
  });

  it('is idempotent: a restart keeps the token, channels and messages, and ts keeps increasing', async () => {
    const channel = await h.channel('dept-standup');
    const before = await h.client.chat.postMessage({ channel, text: 'before restart' });
    const again = await startLocalWorkspace({
      db: h.db.database.db,
      port: 0,
      appUrl: h.app.url,
      signingSecret: SECRET,
      channels: [...DEPT_CHANNELS, 'dept-standup'],
      agents: [],
      logger: pino({ level: 'silent' }),
    });
    try {
      expect(again.botToken).toBe(h.ws.botToken);
      const client = new webApi.WebClient(again.botToken, { slackApiUrl: again.apiUrl, retryConfig: { retries: 0 } });
      const list = await client.conversations.list({});
      expect(list.channels!.map((c) => c.name).sort()).toEqual(['general', ...DEPT_CHANNELS].sort());
      expect(list.channels!.find((c) => c.name === 'dept-standup')!.id).toBe(channel);
      const after = await client.chat.postMessage({ channel, text: 'after restart' });
      expect(Number(after.ts!.replace('.', ''))).toBeGreaterThan(Number(before.ts!.replace('.', '')));
      const history = await client.conversations.history({ channel, limit: 2 });
      expect(history.messages!.map((m) => m.text)).toEqual(['after restart', 'before restart']);
      expect(again.humans).toEqual([
        { id: ALEX, name: 'Alex Rivera' },
        { id: SAM, name: 'Sam Chen' },
      ]);
    } finally {
      await again.stop();
    }
  });

  it('tolerates the app not being up yet: events are retried until it answers', async () => {
    const port = await freePort(); // the app is not listening there yet
    const ws = await startLocalWorkspace({
      db: h.db.database.db,
      port: 0,
      appUrl: `http://127.0.0.1:${port}/slack/events`,
      signingSecret: SECRET,
      channels: DEPT_CHANNELS,
      agents: [],
      logger: pino({ level: 'silent' }),
      retryDelaysMs: [300, 300, 300],
    });
    try {
      const channel = await h.channel('general');
      const sent = await ui(ws, 'POST', `/ui/channels/${channel}/messages`, ALEX, { text: 'anyone there?' });
      expect(sent.ok).toBe(true);
      await new Promise((r) => setTimeout(r, 100));
      const late = await startFakeApp(undefined, port);
      try {
        const got = await late.waitFor((r) => r.json?.event?.ts === sent.message.ts, 3_000);
        expect(got.headers['x-slack-retry-num']).toBe('1');
        expect(got.headers['x-slack-retry-reason']).toBe('connection_failed');
      } finally {
        await late.close();
      }
    } finally {
      await ws.stop();
    }
  });
});
