import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALEX, startHarness, ui, type Harness } from './setup.js';

/** Postgres refuses NUL in text and jsonb, and lone surrogates in jsonb: the workspace stores U+FFFD instead. */
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.stop());

describe('odd characters in the local workspace', () => {
  it('a person\'s message with a NUL and a lone surrogate is stored, shown and delivered to the app', async () => {
    const channel = await h.channel('marketing-content');
    const sent = await ui(h.ws, 'POST', `/ui/channels/${channel}/messages`, ALEX, { text: '<@U0LOCALBOT> key\u0000words \uD800 please' });
    expect(sent).toMatchObject({ ok: true, message: { text: '<@U0LOCALBOT> key\uFFFDwords \uFFFD please' } });
    const delivered = await h.app.waitFor((r) => r.json?.event?.type === 'message' && r.json.event.ts === sent.message.ts);
    expect(delivered.json!.event.text).toBe('<@U0LOCALBOT> key\uFFFDwords \uFFFD please');
    const history = await h.client.conversations.history({ channel });
    expect(history.messages?.[0]).toMatchObject({ ts: sent.message.ts, text: '<@U0LOCALBOT> key\uFFFDwords \uFFFD please' });
  });

  it('the app can post and update messages with NUL in the text, blocks and metadata', async () => {
    const channel = await h.channel('marketing-content');
    const posted = await h.client.chat.postMessage({
      channel,
      text: 'draft\u0000one',
      blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'draft\u0000one' } }],
      metadata: { event_type: 'dept_agent_message', event_payload: { body: 'x\u0000y' } },
    });
    expect(posted.ok).toBe(true);
    const updated = await h.client.chat.update({ channel, ts: posted.ts!, text: 'draft\u0000two' });
    expect(updated.ok).toBe(true);
    const history = await h.client.conversations.history({ channel, include_all_metadata: true });
    const message = history.messages!.find((m) => m.ts === posted.ts)!;
    expect(message.text).toBe('draft\uFFFDtwo');
    expect(JSON.stringify(message.blocks)).toContain('draft\uFFFDone');
    expect(message.metadata).toMatchObject({ event_payload: { body: 'x\uFFFDy' } });
  });
});
