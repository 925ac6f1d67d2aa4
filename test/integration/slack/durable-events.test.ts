import nock from 'nock';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messages } from '../../../src/store/schema.js';
import { formBody } from '../../unit/slack/slack-api.js';
import { SLACK, envelope, mention, message, retry, send, startEdgeHarness, type EdgeHarness } from './edge-harness.js';

/**
 * "Acknowledged means recorded": an event whose row is not committed gets no 2xx, so Slack sends
 * it again; the retry (same event_id) is recorded, and recorded once, whatever the first try did.
 */
let h: EdgeHarness;
beforeAll(async () => {
  h = await startEdgeHarness();
});
afterAll(async () => {
  await h?.stop();
});


const rowsAt = async (ts: string) => (await h.t.database.db.select().from(messages)).filter((m) => m.ts === ts);

describe('events are acknowledged only once recorded', () => {
  it('answers 500 when the database refuses the write; Slack\'s retry is then recorded and delivered once', async () => {
    const event = envelope('EvFail1', mention('300.1', '<@UAPP> @seo keywords for the launch?'));
    const logged = h.logs.length;
    await h.t.query('alter table slack_events rename to slack_events_away');
    try {
      expect((await send(h, event)).status).toBe(500);
    } finally {
      await h.t.query('alter table slack_events_away rename to slack_events');
    }
    expect(await rowsAt('300.1')).toEqual([]);
    const lines = h.logs.slice(logged);
    // Ingest says why (the database's own words), the edge says what Slack was told.
    expect(lines).toContainEqual(expect.objectContaining({ component: 'slack-ingest', event_id: 'EvFail1', error: expect.stringMatching(/relation "slack_events" does not exist/) }));
    expect(lines).toContainEqual(expect.objectContaining({ component: 'slack-edge', status: 500, event_id: 'EvFail1' }));
    const published = h.bus.published.length;

    expect((await send(h, event, retry(1))).status).toBe(200);
    const [row] = await rowsAt('300.1');
    expect(row).toMatchObject({ authorId: 'UHUMAN', toAgents: ['seo_specialist'] });
    await until(() => h.bus.published.length === published + 1);

    // Slack retrying once more (say its first try timed out on its side) changes nothing.
    expect((await send(h, event, retry(2))).status).toBe(200);
    expect(await rowsAt('300.1')).toHaveLength(1);
    expect(h.bus.published.length).toBe(published + 1);
  });

  it('answers 500 when recording is stuck past the deadline; when it commits after all, the retry is a duplicate', async () => {
    const event = envelope('EvSlow1', message('301.1', '@seo is the pricing page ready?'));
    const outcomes = h.outcomes.length;
    const published = h.bus.published.length;
    const locker = new pg.Client({ connectionString: h.t.url });
    await locker.connect();
    try {
      await locker.query('begin');
      await locker.query('lock table slack_events in access exclusive mode');
      expect((await send(h, event)).status).toBe(500);
      expect(h.logs).toContainEqual(expect.objectContaining({ component: 'slack-edge', status: 500, event_id: 'EvSlow1', msg: expect.stringMatching(/in time/) }));
      await locker.query('commit'); // the stuck write goes through now
    } finally {
      await locker.end();
    }
    await until(() => h.outcomes.length === outcomes + 1 && h.bus.published.length === published + 1, 5_000);
    expect(h.outcomes.at(-1)).toMatchObject({ status: 'stored', route: { targets: ['seo_specialist'] } });
    expect((await send(h, event, retry(1))).status).toBe(200);
    expect(await rowsAt('301.1')).toHaveLength(1);
    expect(h.outcomes.at(-1)).toMatchObject({ status: 'duplicate' });
    expect(h.bus.published.length).toBe(published + 1);
  });

  it('does not wait long for a channel lookup: 500 at first, and the retry routes with the name it fetched meanwhile', async () => {
    nock(SLACK)
      .post('/api/conversations.info', (b) => formBody(b).channel === 'C2')
      .delay(1_500)
      .reply(200, { ok: true, channel: { id: 'C2', name: 'marketing-leadership', is_channel: true } });
    const event = envelope('EvLookup1', message('302.1', 'what should we prioritise this quarter?', { channel: 'C2' }));
    expect((await send(h, event)).status).toBe(500);
    expect(h.logs).toContainEqual(expect.objectContaining({ component: 'slack-ingest', event_id: 'EvLookup1', error: expect.stringMatching(/conversations.info for C2 took over/) }));
    expect(await h.channels.lookup('C2')).toEqual({ name: 'marketing-leadership', type: 'channel' });
    expect((await send(h, event, retry(1))).status).toBe(200);
    const [row] = await rowsAt('302.1');
    expect(row).toMatchObject({ toAgents: ['cmo'] });
  });
});

async function until(check: () => boolean, ms = 2_000) {
  const end = Date.now() + ms;
  while (!check() && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
  expect(check()).toBe(true);
}
