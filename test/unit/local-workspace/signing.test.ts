import { verifySlackRequest } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeApp, type FakeApp } from './support/fake-app.js';
import { api, startPgliteWorkspace, ui } from './support/pglite-workspace.js';

const SECRET = 'shh-signing-secret';
let app: FakeApp;
let t: Awaited<ReturnType<typeof startPgliteWorkspace>>;
let general: string;

beforeAll(async () => {
  app = await startFakeApp();
  t = await startPgliteWorkspace({ appUrl: app.url, signingSecret: SECRET, retryDelaysMs: [50, 50, 50] });
  general = (await api(t.ws, 'conversations.list')).body.channels.find((c: { name: string }) => c.name === 'general').id;
});
afterAll(async () => {
  await t.close();
  await app.close();
});

function headers(r: { headers: Record<string, unknown> }) {
  return { 'x-slack-signature': String(r.headers['x-slack-signature']), 'x-slack-request-timestamp': Number(r.headers['x-slack-request-timestamp']) };
}

describe('requests to the app are signed as Slack signs them', () => {
  it('passes Bolt\'s own verifier for events, and fails it with another secret', async () => {
    await ui(t.ws, 'POST', `/ui/channels/${general}/messages`, 'U0LOCALHUMAN1', { text: 'signed hello' });
    const r = await app.waitFor((x) => x.json?.event?.text === 'signed hello');
    expect(() => verifySlackRequest({ signingSecret: SECRET, body: r.body, headers: headers(r) })).not.toThrow();
    expect(() => verifySlackRequest({ signingSecret: 'other', body: r.body, headers: headers(r) })).toThrow(/signature mismatch/);
    expect(() => verifySlackRequest({ signingSecret: SECRET, body: `${r.body} `, headers: headers(r) })).toThrow(/signature mismatch/);
    expect(r.headers['content-type']).toBe('application/json');
  });

  it('passes Bolt\'s verifier for slash commands (form-encoded)', async () => {
    await ui(t.ws, 'POST', `/ui/channels/${general}/commands`, 'U0LOCALHUMAN1', { command: '/dept', text: 'status' });
    const r = await app.waitFor((x) => x.form?.command === '/dept');
    expect(r.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(() => verifySlackRequest({ signingSecret: SECRET, body: r.body, headers: headers(r) })).not.toThrow();
  });

  it('retries a failed event like Slack, with x-slack-retry-num and x-slack-retry-reason, re-signed', async () => {
    let failures = 2;
    app.setResponder((r) => (r.json?.event?.text === 'retry me' && failures-- > 0 ? { status: 500 } : undefined));
    await ui(t.ws, 'POST', `/ui/channels/${general}/messages`, 'U0LOCALHUMAN1', { text: 'retry me' });
    const second = await app.waitFor((x) => x.json?.event?.text === 'retry me' && x.headers['x-slack-retry-num'] === '2');
    const attempts = app.received.filter((x) => x.json?.event?.text === 'retry me');
    expect(attempts.map((x) => x.headers['x-slack-retry-num'])).toEqual([undefined, '1', '2']);
    expect(attempts[1]!.headers['x-slack-retry-reason']).toBe('http_error');
    expect(new Set(attempts.map((x) => x.json!.event_id)).size).toBe(1);
    expect(() => verifySlackRequest({ signingSecret: SECRET, body: second.body, headers: headers(second) })).not.toThrow();
    app.setResponder(() => undefined);
  });
});
