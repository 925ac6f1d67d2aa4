import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SLACK, envelope, message, send, startEdgeHarness, type EdgeHarness } from './edge-harness.js';

/**
 * Correctly signed bodies that Bolt and our listeners cannot handle. Before the edge gate, JSON
 * null (raw or as payload=null) killed the process with a TypeError inside Bolt, malformed
 * envelopes and junk interactions got 500, and unclassifiable bodies hung 3 s before a 404.
 */
let h: EdgeHarness;
beforeAll(async () => {
  h = await startEdgeHarness();
});
afterAll(async () => {
  await h?.stop();
});

const user = { id: 'UHUMAN', username: 'dana', team_id: 'T1' };
const team = { id: 'T1', domain: 'acme' };
const payload = (value: unknown) => ({ payload: typeof value === 'string' ? value : JSON.stringify(value) });

type Case = [name: string, body: unknown, opts?: { form?: boolean; raw?: string }];
const cases: Case[] = [
  ['JSON null', null, { raw: 'null' }],
  ['a JSON number', 42],
  ['a JSON string', 'hello'],
  ['a JSON array', [{ type: 'event_callback' }]],
  ['form payload=null', payload('null'), { form: true }],
  ['form payload that is a number', payload('7'), { form: true }],
  ['form payload that is a string', payload('"block_actions"'), { form: true }],
  ['form payload that is an array', payload([1, 2]), { form: true }],
  ['form payload that is not JSON', payload('{not json'), { form: true }],
  ['malformed JSON', null, { raw: '{"type": "event_callback", "event": ' }],
  ['an envelope whose event is null', envelope('EvB1', null)],
  ['an envelope whose event is a number', envelope('EvB2', 12)],
  ['an envelope whose event is a string', envelope('EvB3', 'message')],
  ['an envelope without an event (Bolt cannot classify it)', { type: 'event_callback', event_id: 'EvB4', team_id: 'T1' }],
  ['a message event whose user is null', envelope('EvB5', { type: 'message', channel: 'C1', ts: '1.1', user: null })],
  ['app_home_opened without a user', envelope('EvB6', { type: 'app_home_opened', channel: 'D1', tab: 'home' })],
  ['block_actions without a user', payload({ type: 'block_actions', team, trigger_id: '1.2', actions: [{ type: 'button', action_id: 'dept_ask_agent', value: 'seo_specialist' }] }), { form: true }],
  ['block_actions without actions', payload({ type: 'block_actions', user, team, trigger_id: '1.2' }), { form: true }],
  ['block_actions with a null action', payload({ type: 'block_actions', user, team, trigger_id: '1.2', actions: [null] }), { form: true }],
  ['view_submission without a view', payload({ type: 'view_submission', user, team }), { form: true }],
  ['view_submission whose view has no state', payload({ type: 'view_submission', user, team, view: { id: 'V1', callback_id: 'dept_ask_modal' } }), { form: true }],
  ['a slash command without a user', { command: '/dept', text: '', channel_id: 'C1', response_url: 'http://slack.test/commands/1' }, { form: true }],
  ['a body Bolt cannot classify', { type: 'mystery', hello: 'world' }],
  ['an empty form', {}, { form: true }],
];

describe('bad requests at the edge', () => {
  it.each(cases)('answers %s with 400 at once, logs one line, and keeps serving', async (name, body, opts = {}) => {
    const logged = h.logs.length;
    const calls = h.calls.length;
    const res = await send(h, body, opts);
    expect(res.status, name).toBe(400);
    const lines = h.logs.slice(logged).filter((l) => l.component === 'slack-edge');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ status: 400, problem: expect.any(String) });
    expect(h.calls).toHaveLength(calls); // nothing reached a listener
    expect((await fetch(`${h.base}/healthz`)).status).toBe(200);
  });

  it('still records and answers a good event after all of them', async () => {
    const before = await h.counts();
    expect((await send(h, envelope('EvGood', message('200.1', '@seo keywords for the pricing page?')))).status).toBe(200);
    expect(await h.counts()).toEqual({ events: before.events + 1, messages: before.messages + 1, deliveries: before.deliveries + 1 });
  });

  it('acknowledges Slack\'s app_rate_limited notice with 200 and a warning', async () => {
    const logged = h.logs.length;
    expect((await send(h, { token: 'x', type: 'app_rate_limited', team_id: 'T1', minute_rate_limited: 1518467820, api_app_id: 'A1' })).status).toBe(200);
    expect(h.logs.slice(logged)).toContainEqual(expect.objectContaining({ msg: expect.stringMatching(/rate limit/), minute_rate_limited: 1518467820 }));
  });

  it('answers odd but well-shaped interactions without a listener failing', async () => {
    const logged = h.logs.length;
    // A modal submitted with a non-text value: the form asks for the question again.
    const odd = { type: 'view_submission', user, team, view: { id: 'V1', callback_id: 'dept_ask_modal', private_metadata: 'not json', state: { values: { dept_question: { text: { type: 'plain_text_input', value: 5 } } } } } };
    const res = await send(h, payload(odd), { form: true });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text)).toMatchObject({ response_action: 'errors' });
    // A /dept without text shows the directory (through response_url).
    let responded: unknown;
    nock(SLACK).post('/commands/1').reply(200, (_u, body) => ((responded = body), { ok: true }));
    expect((await send(h, { command: '/dept', user_id: 'UHUMAN', channel_id: 'C1', team_id: 'T1', response_url: `${SLACK}/commands/1` }, { form: true })).status).toBe(200);
    for (let i = 0; i < 200 && !responded; i++) await new Promise((r) => setTimeout(r, 10));
    expect(responded).toMatchObject({ response_type: 'ephemeral' });
    expect(h.logs.slice(logged).filter((l) => l.msg === 'slack listener failed')).toEqual([]);
  });
});
