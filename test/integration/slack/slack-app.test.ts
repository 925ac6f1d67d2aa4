import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messages } from '../../../src/store/schema.js';
import { formBody } from '../../unit/slack/slack-api.js';
import { SLACK, envelope, mention, message, retry, send, sign, startEdgeHarness, type EdgeHarness } from './edge-harness.js';

let h: EdgeHarness;
beforeAll(async () => {
  h = await startEdgeHarness();
});
afterAll(async () => {
  await h?.stop();
});

describe('Slack app over HTTP', () => {
  it('answers Slack\'s url_verification challenge and its unsigned ssl_check', async () => {
    expect(await send(h, { token: 'legacy', challenge: 'c-123', type: 'url_verification' })).toEqual({ status: 200, text: JSON.stringify({ challenge: 'c-123' }) });
    expect((await send(h, { ssl_check: '1', token: 'legacy' }, { form: true, signature: {} })).status).toBe(200);
  });

  it('answers a signed app_mention only once its message and delivery are recorded', async () => {
    let release!: () => void;
    h.hold = new Promise((r) => (release = r));
    let answered = false;
    const response = send(h, envelope('Ev1', mention('100.000001', '<@UAPP> what is on the calendar?'))).then((res) => {
      answered = true;
      return res;
    });
    for (let i = 0; i < 200 && h.calls.length === 0; i++) await new Promise((r) => setTimeout(r, 5));
    expect(h.calls).toHaveLength(1); // ingest is running (held)…
    await new Promise((r) => setTimeout(r, 100));
    expect(answered).toBe(false); // …and Slack has no answer yet
    h.hold = undefined;
    release();
    expect((await response).status).toBe(200);
    // No waiting: by the time Slack has its 200 the rows are committed.
    expect(await h.counts()).toEqual({ events: 1, messages: 1, deliveries: 1 });
    expect(h.outcomes[0]).toMatchObject({ status: 'stored', route: { targets: ['content_manager'], reason: 'home_channel' } });
    const [row] = await h.t.database.db.select().from(messages);
    expect(row).toMatchObject({ channelId: 'C1', ts: '100.000001', authorKind: 'human', authorId: 'UHUMAN', text: 'what is on the calendar?', toAgents: ['content_manager'] });
    await until(() => h.bus.published.length === 1);
  });

  it('a retried event (same event_id) delivers nothing new', async () => {
    const res = await send(h, envelope('Ev1', mention('100.000001', '<@UAPP> what is on the calendar?')), retry(1));
    expect(res.status).toBe(200);
    expect(h.outcomes[1]).toMatchObject({ status: 'duplicate' });
    expect(await h.counts()).toEqual({ events: 1, messages: 1, deliveries: 1 });
    expect(h.bus.published).toHaveLength(1);
  });

  it('the message event for the same post delivers nothing new', async () => {
    expect((await send(h, envelope('Ev2', message('100.000001', '<@UAPP> what is on the calendar?')))).status).toBe(200);
    expect(h.outcomes[2]).toMatchObject({ status: 'duplicate', route: { targets: ['content_manager'] } });
    expect((await h.counts()).deliveries).toBe(1);
    expect(h.bus.published).toHaveLength(1);
  });

  it('refuses a wrong, missing, stale or future-dated signature with 401, logs why, and processes nothing', async () => {
    const before = await h.counts();
    const calls = h.calls.length;
    const logged = h.logs.length;
    const body = JSON.stringify(envelope('Ev3', mention('101.1', '<@UAPP> hi')));
    const now = Math.floor(Date.now() / 1000);
    expect((await send(h, null, { raw: body, signature: { ...sign(body), 'x-slack-signature': `v0=${'0'.repeat(64)}` } })).status).toBe(401);
    expect((await send(h, null, { raw: body, signature: {} })).status).toBe(401);
    expect((await send(h, null, { raw: body, signature: sign(body, now - 10 * 60) })).status).toBe(401);
    expect((await send(h, null, { raw: body, signature: sign(body, now + 24 * 3600) })).status).toBe(401);
    expect((await send(h, null, { raw: body, signature: sign(body, now + 6 * 60) })).status).toBe(401);
    const refusals = h.logs.slice(logged).filter((l) => l.msg === 'slack request refused: not signed by Slack');
    expect(refusals.map((l) => l.problem)).toEqual([
      expect.stringMatching(/signature mismatch/),
      expect.stringMatching(/missing/),
      expect.stringMatching(/more than 5 minutes old/),
      expect.stringMatching(/in the future/),
      expect.stringMatching(/in the future/),
    ]);
    expect(h.calls).toHaveLength(calls);
    expect(await h.counts()).toEqual(before);
    // A timestamp a few minutes ahead (clock skew) is still Slack's.
    expect((await send(h, null, { raw: body, signature: sign(body, now + 4 * 60) })).status).toBe(200);
  });

  it('drops an envelope whose message event lacks its fields (200: there is nothing to record) and keeps serving', async () => {
    const outcomes = h.outcomes.length;
    expect((await send(h, envelope('Ev5', { type: 'app_mention', text: '<@UAPP> hi' }))).status).toBe(200);
    expect(h.outcomes[outcomes]).toEqual({ status: 'dropped', why: 'malformed' });
    expect((await send(h, envelope('Ev6', message('103.1', '@seo keywords for the ROI post?')))).status).toBe(200);
    expect(h.outcomes[outcomes + 1]).toMatchObject({ status: 'stored', route: { targets: ['seo_specialist'], reason: 'handle' } });
  });

  it('ignores events written by our own bots', async () => {
    const before = await h.counts();
    const published = h.bus.published.length;
    const outcomes = h.outcomes.length;
    // The main bot's persona post: Bolt's ignoreSelf drops it before any listener.
    expect((await send(h, envelope('Ev9', message('105.1', '*@Copywriter* draft attached', { user: 'UAPP', bot_id: 'BAPP', metadata: { event_type: 'dept_agent_message', event_payload: {} } })))).status).toBe(200);
    // A dedicated agent bot's post reaches ingest, which drops it.
    expect((await send(h, envelope('Ev10', message('105.2', '<@UAPP> @seo please check', { user: 'UCOPY', bot_id: 'BCOPY' })))).status).toBe(200);
    expect(h.outcomes.slice(outcomes)).toEqual([{ status: 'dropped', why: 'our bot' }]);
    const after = await h.counts();
    expect(after.messages).toBe(before.messages);
    expect(after.deliveries).toBe(before.deliveries);
    expect(h.bus.published.length).toBe(published);
  });

  it('stores and routes a message with a NUL character and lone surrogates (U+FFFD in their place)', async () => {
    const outcomes = h.outcomes.length;
    const text = '@seo key\u0000words for \uD800the launch\uDFFF?';
    expect((await send(h, envelope('Ev11', message('106.1', text, { user: 'UNUL\u0000' })))).status).toBe(200);
    expect(h.outcomes[outcomes]).toMatchObject({ status: 'stored', route: { targets: ['seo_specialist'], reason: 'handle' } });
    const rows = await h.t.database.db.select().from(messages);
    const row = rows.find((r) => r.ts === '106.1')!;
    expect(row.text).toBe('@seo key\uFFFDwords for \uFFFDthe launch\uFFFD?');
    expect(row.authorId).toBe('UNUL\uFFFD');
    expect(row.protocol).toMatchObject({ to: ['seo_specialist'], content: { body: row.text } });
  });

  it('stores a question from the Ask modal as sent, NUL and lone surrogates replaced', async () => {
    nock(SLACK).post('/api/chat.postMessage').reply(200, { ok: true, channel: 'C1', ts: '107.1', message: { ts: '107.1' } });
    const view = {
      id: 'V1',
      callback_id: 'dept_ask_modal',
      private_metadata: JSON.stringify({ agentId: 'seo_specialist', channelId: 'C1' }),
      state: { values: { dept_question: { text: { type: 'plain_text_input', value: 'key\u0000words for \uD800 launch?' } } } },
    };
    const submission = { type: 'view_submission', user: { id: 'UHUMAN', username: 'dana', team_id: 'T1' }, team: { id: 'T1' }, view };
    expect((await send(h, { payload: JSON.stringify(submission) }, { form: true })).status).toBe(200);
    let row: typeof messages.$inferSelect | undefined;
    for (let i = 0; i < 200 && !row; i++) {
      row = (await h.t.database.db.select().from(messages)).find((m) => m.ts === '107.1');
      if (!row) await new Promise((r) => setTimeout(r, 10));
    }
    expect(row).toMatchObject({ text: 'key\uFFFDwords for \uFFFD launch?', toAgents: ['seo_specialist'], authorId: 'UHUMAN' });
  });

  it('acks app_home_opened and publishes the Home tab behind the ack', async () => {
    let published: Record<string, unknown> | undefined;
    nock(SLACK).post('/api/views.publish').reply(200, (_u, body) => ((published = formBody(body)), { ok: true, view: { id: 'VHOME' } }));
    const res = await send(h, envelope('Ev12', { type: 'app_home_opened', user: 'UHUMAN', channel: 'D1', tab: 'home', event_ts: '108.1' }));
    expect(res.status).toBe(200);
    for (let i = 0; i < 200 && !published; i++) await new Promise((r) => setTimeout(r, 10));
    expect(published).toMatchObject({ user_id: 'UHUMAN', view: { type: 'home' } });
  });

  it('serves GET /healthz: 200 when healthy, 503 when not', async () => {
    const ok = await fetch(`${h.base}/healthz`);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ ok: true });
    h.healthy = false;
    const down = await fetch(`${h.base}/healthz`);
    expect(down.status).toBe(503);
    expect(await down.json()).toEqual({ ok: false });
    h.healthy = true;
  });
});

async function until(check: () => boolean) {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(check()).toBe(true);
}
