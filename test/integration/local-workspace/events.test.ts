import { verifySlackRequest } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALEX, SAM, startHarness, SECRET, ui, type Harness } from './setup.js';

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

  it('a person\'s edit and deletion arrive as Slack\'s message_changed and message_deleted, signed; only the author may make them', async () => {
    const channel = await h.channel('marketing-content');
    const sent = await ui(h.ws, 'POST', `/ui/channels/${channel}/messages`, ALEX, { text: 'Launch is on the 3rd' });
    const ts = sent.message.ts;
    expect(await ui(h.ws, 'POST', `/ui/channels/${channel}/messages/${ts}/edit`, SAM, { text: 'hijacked' })).toMatchObject({ ok: false, error: expect.stringContaining('your own') });
    const edited = await ui(h.ws, 'POST', `/ui/channels/${channel}/messages/${ts}/edit`, ALEX, { text: 'Launch is on the 5th' });
    expect(edited).toMatchObject({ ok: true, message: { ts, text: 'Launch is on the 5th', edited: { user: ALEX } } });
    const changed = await h.app.waitFor((r) => r.json?.event?.subtype === 'message_changed' && r.json.event.message?.ts === ts);
    expect(() => verified(changed)).not.toThrow();
    expect(changed.json!.event).toMatchObject({
      type: 'message',
      subtype: 'message_changed',
      hidden: true,
      channel,
      channel_type: 'channel',
      ts: expect.any(String),
      event_ts: expect.any(String),
      message: { type: 'message', user: ALEX, text: 'Launch is on the 5th', ts, edited: { user: ALEX, ts: changed.json!.event.ts } },
      previous_message: { type: 'message', user: ALEX, text: 'Launch is on the 3rd', ts },
    });
    expect(h.app.received.some((r) => r.json?.event?.type === 'app_mention' && r.json.event.ts === changed.json!.event.ts)).toBe(false);

    expect(await ui(h.ws, 'POST', `/ui/channels/${channel}/messages/${ts}/delete`, ALEX)).toEqual({ ok: true });
    const deleted = await h.app.waitFor((r) => r.json?.event?.subtype === 'message_deleted' && r.json.event.deleted_ts === ts);
    expect(deleted.json!.event).toMatchObject({ type: 'message', subtype: 'message_deleted', hidden: true, channel, deleted_ts: ts, previous_message: { ts, text: 'Launch is on the 5th' } });
    expect((await h.client.conversations.history({ channel })).messages!.some((m) => m.ts === ts)).toBe(false);
  });

  it('deleting a parent with replies leaves a tombstone, announced as message_changed', async () => {
    const channel = await h.channel('marketing-content');
    const root = await ui(h.ws, 'POST', `/ui/channels/${channel}/messages`, SAM, { text: 'Who owns the webinar?' });
    await ui(h.ws, 'POST', `/ui/channels/${channel}/messages`, ALEX, { text: 'I do', thread_ts: root.message.ts });
    await ui(h.ws, 'POST', `/ui/channels/${channel}/messages/${root.message.ts}/delete`, SAM);
    const changed = await h.app.waitFor((r) => r.json?.event?.subtype === 'message_changed' && r.json.event.message?.ts === root.message.ts);
    expect(changed.json!.event.message).toMatchObject({ subtype: 'tombstone', hidden: true, text: 'This message was deleted.' });
    const thread = await h.client.conversations.replies({ channel, ts: root.message.ts });
    expect(thread.messages!.map((m) => m.text)).toEqual(['This message was deleted.', 'I do']);
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
