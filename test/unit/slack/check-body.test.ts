import { describe, expect, it } from 'vitest';
import { checkBody } from '../../../src/slack/edge/check-body.js';

const user = { id: 'U1', username: 'dana', team_id: 'T1' };
const envelope = (event: unknown, over: Record<string, unknown> = {}) => ({ type: 'event_callback', event_id: 'Ev1', team_id: 'T1', event, ...over });
const submission = (view: unknown) => ({ type: 'view_submission', user, team: { id: 'T1' }, view });

describe('checkBody', () => {
  it.each([
    ['a message event', envelope({ type: 'message', channel: 'C1', user: 'U1', text: 'hi', ts: '1.1' })],
    ['an edit (no top-level user)', envelope({ type: 'message', subtype: 'message_changed', channel: 'C1', ts: '1.2', message: {} })],
    ['an event with a user object', envelope({ type: 'team_join', user: { id: 'U2' } })],
    ['app_home_opened', envelope({ type: 'app_home_opened', user: 'U1', channel: 'D1', tab: 'home' })],
  ])('sends %s to be recorded', (_name, body) => {
    expect(checkBody(body)).toEqual({ kind: 'event', body });
  });

  it.each([
    ['url_verification', { type: 'url_verification', challenge: 'c' }],
    ['ssl_check', { ssl_check: '1', token: 'x' }],
    ['/dept', { command: '/dept', text: '', user_id: 'U1', channel_id: 'C1', team_id: 'T1', response_url: 'https://hooks.slack.com/commands/1' }],
    ['a button click', { type: 'block_actions', user, team: { id: 'T1' }, trigger_id: '1.2', actions: [{ type: 'button', action_id: 'a', block_id: 'b', value: 'x' }] }],
    ['a modal submission', submission({ id: 'V1', callback_id: 'ask', private_metadata: '{}', state: { values: { q: { text: { type: 'plain_text_input', value: 'hi' } } } } })],
    ['a closed modal', { type: 'view_closed', user, view: { callback_id: 'ask' } }],
    ['a global shortcut', { type: 'shortcut', user, callback_id: 's', trigger_id: '1.2' }],
    ['a block suggestion', { type: 'block_suggestion', user, action_id: 'a', value: 'x' }],
  ])('lets Bolt answer %s', (_name, body) => {
    expect(checkBody(body)).toEqual({ kind: 'bolt' });
  });

  it('acknowledges Slack\'s app_rate_limited notice', () => {
    expect(checkBody({ type: 'app_rate_limited', minute_rate_limited: 1518467820, team_id: 'T1', api_app_id: 'A1' })).toMatchObject({ kind: 'rate_limited' });
  });

  it.each([
    ['JSON null', null, /the body is null/],
    ['a number', 5, /a number/],
    ['a string', 'hello', /"hello"/],
    ['an array', [1, 2], /an array/],
    ['an envelope whose event is null', envelope(null), /event/],
    ['an envelope whose event is a number', envelope(7), /event/],
    ['an envelope whose event is a string', envelope('message'), /event/],
    ['an envelope without an event', { type: 'event_callback', event_id: 'Ev1' }, /classify/],
    ['an event without a type', envelope({ channel: 'C1' }), /event\.type/],
    ['an event with user null', envelope({ type: 'message', user: null }), /event\.user/],
    ['an event with a channel number', envelope({ type: 'message', channel: 5 }), /event\.channel/],
    ['an event whose item is a string', envelope({ type: 'reaction_added', item: 'x' }), /event\.item/],
    ['an envelope without event_id', envelope({ type: 'message' }, { event_id: undefined }), /event_id/],
    ['an envelope with null authorizations', envelope({ type: 'message' }, { authorizations: [null] }), /authorizations/],
    ['a body with an event that is not an envelope', { type: 'block_actions', event: { type: 'message' } }, /type/],
    ['app_home_opened without a user', envelope({ type: 'app_home_opened', channel: 'D1', tab: 'home' }), /app_home_opened event: user/],
    ['block_actions without a user', { type: 'block_actions', actions: [{ type: 'button', action_id: 'a' }] }, /block_actions: user/],
    ['block_actions without actions', { type: 'block_actions', user }, /classify/],
    ['block_actions with no action', { type: 'block_actions', user, actions: [] }, /actions/],
    ['block_actions with a null action', { type: 'block_actions', user, actions: [null] }, /actions\.0/],
    ['block_actions with a null channel', { type: 'block_actions', user, channel: null, actions: [{ type: 'button', action_id: 'a' }] }, /channel/],
    ['view_submission without a view', { type: 'view_submission', user }, /view/],
    ['view_submission without state', submission({ callback_id: 'ask' }), /view\.state/],
    ['view_submission with a user string', { type: 'view_submission', user: 'U1', view: { callback_id: 'a', state: { values: {} } } }, /user/],
    ['a command without a user', { command: '/dept', channel_id: 'C1', response_url: 'https://x' }, /user_id/],
    ['a command without a response_url', { command: '/dept', user_id: 'U1', channel_id: 'C1' }, /response_url/],
    ['an action of an unknown type', { type: 'mystery', actions: [{}], user }, /mystery/],
    ['a body Bolt cannot classify', { type: 'something_else', hello: 1 }, /classify/],
    ['an empty object', {}, /classify/],
  ])('refuses %s', (_name, body, why) => {
    const verdict = checkBody(body);
    expect(verdict.kind).toBe('bad');
    expect(verdict.kind === 'bad' && verdict.why).toMatch(why);
  });
});
