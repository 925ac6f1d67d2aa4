import { App, HTTPReceiver, LogLevel } from '@slack/bolt';
import { pino } from 'pino';
import { freePort } from '../../../src/lib/free-port.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalWorkspace, type LocalWorkspace } from '../../../src/local-workspace/index.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';
import { ALEX, DEPT_CHANNELS, SAM, SECRET, listen, ui, until } from './setup.js';

/**
 * An unchanged Bolt app (HTTP mode) talking to the local workspace exactly as to Slack: signed
 * requests in, Web API calls out (SLACK_API_URL), acks with bodies for modals.
 */
let db: TestDatabase;
let ws: LocalWorkspace;
let app: App;
const seen: string[] = [];

const card = [
  { type: 'section', text: { type: 'mrkdwn', text: '*Blog post* ready for approval' } },
  { type: 'actions', block_id: 'approval', elements: [{ type: 'button', action_id: 'approve', style: 'primary', value: 'apr_9', text: { type: 'plain_text', text: 'Approve' } }] },
];

beforeAll(async () => {
  const port = await freePort(); // the app is not listening there yet

  db = await createTestDatabase();
  ws = await startLocalWorkspace({
    db: db.database.db,
    port: 0,
    appUrl: `http://127.0.0.1:${port}/slack/events`,
    signingSecret: SECRET,
    channels: DEPT_CHANNELS,
    agents: [],
    logger: pino({ level: 'silent' }),
    retryDelaysMs: [200],
  });
  const receiver = new HTTPReceiver({ signingSecret: SECRET, endpoints: '/slack/events', processBeforeResponse: false });
  app = new App({ token: ws.botToken, receiver, clientOptions: { slackApiUrl: ws.apiUrl, retryConfig: { retries: 0 } }, logLevel: LogLevel.ERROR });

  app.event('app_mention', async ({ event, client }) => {
    seen.push(`app_mention:${event.text}`);
    await client.chat.postMessage({ channel: event.channel, thread_ts: event.ts, text: 'On it — drafting now.', username: 'Content Manager', icon_emoji: ':memo:' });
  });
  app.message(async ({ message }) => {
    seen.push(`message:${'text' in message ? message.text : ''}`);
  });
  app.command('/dept', async ({ command, ack, respond, client }) => {
    await ack();
    if (command.text === 'comment') {
      await client.views.open({
        trigger_id: command.trigger_id,
        view: {
          type: 'modal',
          callback_id: 'comment',
          private_metadata: command.channel_id,
          title: { type: 'plain_text', text: 'Comment' },
          submit: { type: 'plain_text', text: 'Send' },
          blocks: [{ type: 'input', block_id: 'c', label: { type: 'plain_text', text: 'Comment' }, element: { type: 'plain_text_input', action_id: 'v' } }],
        },
      });
    } else {
      await respond({ text: `Status for <@${command.user_id}>: all green` });
    }
  });
  app.action('approve', async ({ ack, respond, body }) => {
    await ack();
    await respond({ replace_original: true, text: `Approved by <@${body.user.id}>` });
  });
  app.view('comment', async ({ ack, view, client }) => {
    const value = view.state.values.c!.v!.value ?? '';
    if (value.length < 5) {
      await ack({ response_action: 'errors', errors: { c: 'Please write at least 5 characters.' } });
      return;
    }
    await ack();
    await client.chat.postMessage({ channel: view.private_metadata, text: `Comment: ${value}` });
  });
  app.event('app_home_opened', async ({ event, client }) => {
    await client.views.publish({ user_id: event.user, view: { type: 'home', blocks: [{ type: 'header', text: { type: 'plain_text', text: 'Marketing Department' } }] } });
  });
  await app.start(port);
});

afterAll(async () => {
  await app.stop();
  await ws.stop();
  await db.drop();
});

async function channel(name: string): Promise<string> {
  const boot = await ui(ws, 'GET', '/ui/bootstrap', ALEX);
  return boot.channels.find((c: { name: string }) => c.name === name).id;
}

describe('a real Bolt app on the local workspace', () => {
  it('verifies the signed events, answers an @mention in the thread as a persona', async () => {
    const id = await channel('marketing-content');
    const sent = await ui(ws, 'POST', `/ui/channels/${id}/messages`, ALEX, { text: '<@U0LOCALBOT> content write about AI costs' });
    const thread = await until(async () => {
      const t = await ui(ws, 'GET', `/ui/channels/${id}/threads/${sent.message.ts}`, ALEX);
      return t.messages.length === 2 ? t : undefined;
    });
    expect(thread.messages[1]).toMatchObject({ text: 'On it — drafting now.', author: { name: 'Content Manager', icon: ':memo:' }, thread_ts: sent.message.ts });
    expect(seen).toContain('app_mention:<@U0LOCALBOT> content write about AI costs');
    expect(seen).toContain('message:<@U0LOCALBOT> content write about AI costs');
  });

  it('runs /dept through ack + respond (ephemeral to the person)', async () => {
    const id = await channel('general');
    const page = await listen(`${ws.url}ui/stream?as=${SAM}`);
    expect(await ui(ws, 'POST', `/ui/channels/${id}/commands`, SAM, { command: '/dept', text: 'status' })).toEqual({ ok: true });
    const mine = await until(async () => page.events.find((e) => e.message?.text?.startsWith('Status for'))?.message);
    await page.stop();
    expect(mine).toMatchObject({ text: `Status for <@${SAM}>: all green`, ephemeral: true });
    // Ephemeral: shown live, not read back when the page reloads (as in Slack).
    expect((await ui(ws, 'GET', `/ui/channels/${id}/messages`, SAM)).messages.some((m: { text: string }) => m.text.startsWith('Status for'))).toBe(false);
  });

  it('a button click reaches app.action and respond() replaces the card', async () => {
    const id = await channel('dept-approvals');
    const posted = await app.client.chat.postMessage({ channel: id, text: 'Approval needed', blocks: card });
    expect(await ui(ws, 'POST', '/ui/actions', SAM, { channel: id, message_ts: posted.ts, block_id: 'approval', action_id: 'approve' })).toEqual({ ok: true });
    const updated = await until(async () => (await ui(ws, 'GET', `/ui/channels/${id}/messages`, SAM)).messages.find((m: { ts: string; text: string }) => m.ts === posted.ts && m.text.startsWith('Approved')));
    expect(updated.text).toBe(`Approved by <@${SAM}>`);
  });

  it('opens a modal from a command; errors keep it open, a valid submit closes it', async () => {
    const id = await channel('dept-decisions');
    await ui(ws, 'POST', `/ui/channels/${id}/commands`, ALEX, { command: '/dept', text: 'comment' });
    const modal = await until(async () => (await ui(ws, 'GET', '/ui/views', ALEX)).modals[0]);
    expect(modal).toMatchObject({ callback_id: 'comment', title: { text: 'Comment' } });
    expect(await ui(ws, 'POST', `/ui/views/${modal.id}/submit`, ALEX, { inputs: { c: { v: 'meh' } } })).toEqual({ ok: false, errors: { c: 'Please write at least 5 characters.' } });
    expect((await ui(ws, 'GET', '/ui/views', ALEX)).modals).toHaveLength(1);
    expect(await ui(ws, 'POST', `/ui/views/${modal.id}/submit`, ALEX, { inputs: { c: { v: 'Ship it on Tuesday' } } })).toEqual({ ok: true });
    expect((await ui(ws, 'GET', '/ui/views', ALEX)).modals).toEqual([]);
    await until(async () => (await ui(ws, 'GET', `/ui/channels/${id}/messages`, ALEX)).messages.find((m: { text: string }) => m.text === 'Comment: Ship it on Tuesday'));
  });

  it('publishes the Home tab when it is opened', async () => {
    await ui(ws, 'POST', '/ui/home', SAM);
    const home = await until(async () => (await ui(ws, 'GET', '/ui/views', SAM)).home);
    expect(home.blocks[0]).toMatchObject({ type: 'header', text: { text: 'Marketing Department' } });
  });
});
