import { verifySlackRequest } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALEX, startHarness, SECRET, ui, type Harness } from './setup.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.stop());

const verified = (r: { body: string; headers: Record<string, unknown> }) =>
  verifySlackRequest({
    signingSecret: SECRET,
    body: r.body,
    headers: { 'x-slack-signature': String(r.headers['x-slack-signature']), 'x-slack-request-timestamp': Number(r.headers['x-slack-request-timestamp']) },
  });

describe('Events API delivery', () => {
  it('a human message mentioning the app arrives as `message` and `app_mention` event_callbacks, signed', async () => {
    const channel = await h.channel('marketing-content');
    const sent = await ui(h.ws, 'POST', `/ui/channels/${channel}/messages`, ALEX, { text: '<@U0LOCALBOT> content we need a blog post on AI costs' });
    expect(sent).toMatchObject({ ok: true, message: { ts: expect.any(String), user: ALEX } });
    const ts = sent.message.ts;
    const message = await h.app.waitFor((r) => r.json?.event?.type === 'message' && r.json.event.ts === ts);
    const mention = await h.app.waitFor((r) => r.json?.event?.type === 'app_mention' && r.json.event.ts === ts);
    for (const r of [message, mention]) {
      expect(() => verified(r)).not.toThrow();
      expect(r.json).toMatchObject({
        token: expect.any(String),
        team_id: 'T0LOCAL',
        api_app_id: 'A0LOCALAPP',
        type: 'event_callback',
        event_id: expect.stringMatching(/^Ev[A-Z0-9]+$/),
        event_time: expect.any(Number),
        authorizations: [{ team_id: 'T0LOCAL', user_id: 'U0LOCALBOT', is_bot: true, is_enterprise_install: false }],
      });
    }
    expect(message.json!.event_id).not.toBe(mention.json!.event_id);
    expect(message.json!.event).toMatchObject({ type: 'message', channel, user: ALEX, ts, event_ts: ts, text: '<@U0LOCALBOT> content we need a blog post on AI costs', channel_type: 'channel', team: 'T0LOCAL', client_msg_id: expect.any(String) });
    expect(mention.json!.event).toMatchObject({ type: 'app_mention', channel, user: ALEX, ts, text: '<@U0LOCALBOT> content we need a blog post on AI costs' });
    expect(mention.json!.event.channel_type).toBeUndefined();
  });

  it('a thread reply carries thread_ts (and parent_user_id)', async () => {
    const channel = await h.channel('marketing-content');
    const root = await h.client.chat.postMessage({ channel, text: 'Here is the draft', username: 'Copywriter', icon_emoji: ':pencil2:' });
    const reply = await ui(h.ws, 'POST', `/ui/channels/${channel}/messages`, ALEX, { text: 'Looks good, tighten the intro', thread_ts: root.ts });
    const event = await h.app.waitFor((r) => r.json?.event?.ts === reply.message.ts);
    expect(event.json!.event).toMatchObject({ type: 'message', thread_ts: root.ts, parent_user_id: 'U0LOCALBOT', channel_type: 'channel' });
    const thread = await h.client.conversations.replies({ channel, ts: root.ts! });
    expect(thread.messages!.map((m) => m.text)).toEqual(['Here is the draft', 'Looks good, tighten the intro']);
  });

  it('a DM to the app is a `message` with channel_type im (no app_mention)', async () => {
    const boot = await ui(h.ws, 'GET', '/ui/bootstrap', ALEX);
    const dm = boot.channels.find((c: { isIm: boolean; partner: string }) => c.isIm && c.partner === 'U0LOCALBOT');
    const sent = await ui(h.ws, 'POST', `/ui/channels/${dm.id}/messages`, ALEX, { text: '<@U0LOCALBOT> hello' });
    const event = await h.app.waitFor((r) => r.json?.event?.ts === sent.message.ts);
    expect(event.json!.event).toMatchObject({ type: 'message', channel: dm.id, channel_type: 'im' });
    await new Promise((r) => setTimeout(r, 200));
    expect(h.app.received.filter((r) => r.json?.event?.ts === sent.message.ts)).toHaveLength(1);
  });

  it('does not echo the app\'s own posts back as events', async () => {
    const channel = await h.channel('general');
    const posted = await h.client.chat.postMessage({ channel, text: 'from the app <@U0LOCALBOT>' });
    await new Promise((r) => setTimeout(r, 300));
    expect(h.app.received.some((r) => r.json?.event?.ts === posted.ts)).toBe(false);
  });

  it('opening the Home tab sends app_home_opened with the DM channel', async () => {
    const res = await ui(h.ws, 'POST', '/ui/home', ALEX);
    expect(res).toEqual({ ok: true, home: null });
    const event = await h.app.waitFor((r) => r.json?.event?.type === 'app_home_opened');
    expect(event.json!.event).toMatchObject({ type: 'app_home_opened', user: ALEX, channel: expect.stringMatching(/^D/), tab: 'home' });
    expect(() => verified(event)).not.toThrow();
  });
});
