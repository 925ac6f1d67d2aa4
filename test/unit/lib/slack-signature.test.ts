import { verifySlackRequest } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { slackSignatureHeaders, slackSignatureProblem } from '../../../src/lib/slack-signature.js';

const SECRET = 'signing-secret';
const NOW_MS = 1_750_000_000_000;
const now = NOW_MS / 1000;
const body = '{"type":"event_callback"}';

function problem(headers: Record<string, string>, text = body) {
  return slackSignatureProblem(SECRET, { timestamp: headers['x-slack-request-timestamp'], signature: headers['x-slack-signature'] }, text, NOW_MS);
}

describe('Slack request signatures', () => {
  it('signs as Slack does: Bolt\'s own verifier accepts our headers', () => {
    const headers = slackSignatureHeaders(SECRET, body, now);
    expect(() => verifySlackRequest({ signingSecret: SECRET, body, headers: { 'x-slack-signature': headers['x-slack-signature'], 'x-slack-request-timestamp': now }, nowMilliseconds: NOW_MS })).not.toThrow();
    expect(problem(headers)).toBeUndefined();
  });

  it('accepts a timestamp up to five minutes off either way', () => {
    expect(problem(slackSignatureHeaders(SECRET, body, now - 300))).toBeUndefined();
    expect(problem(slackSignatureHeaders(SECRET, body, now + 300))).toBeUndefined();
  });

  it('refuses a stale timestamp and, unlike Bolt, one more than five minutes in the future', () => {
    expect(problem(slackSignatureHeaders(SECRET, body, now - 301))).toMatch(/more than 5 minutes old/);
    const future = slackSignatureHeaders(SECRET, body, now + 24 * 3600);
    expect(problem(future)).toMatch(/in the future/);
    // Bolt's verifier lets it through: this is why the edge checks the signature itself.
    expect(() => verifySlackRequest({ signingSecret: SECRET, body, headers: { 'x-slack-signature': future['x-slack-signature'], 'x-slack-request-timestamp': now + 24 * 3600 }, nowMilliseconds: NOW_MS })).not.toThrow();
  });

  it('refuses a wrong secret, a changed body, a bad version and missing or odd headers', () => {
    expect(problem(slackSignatureHeaders('other', body, now))).toMatch(/signature mismatch/);
    expect(problem(slackSignatureHeaders(SECRET, body, now), `${body} `)).toMatch(/signature mismatch/);
    const good = slackSignatureHeaders(SECRET, body, now);
    expect(problem({ ...good, 'x-slack-signature': good['x-slack-signature'].replace('v0=', 'v1=') })).toMatch(/not a v0 signature/);
    expect(problem({ ...good, 'x-slack-signature': 'v0=abc' })).toMatch(/signature mismatch/);
    expect(problem({ ...good, 'x-slack-signature': 'v0=' })).toMatch(/not a v0 signature/);
    expect(problem({ 'x-slack-signature': good['x-slack-signature'] })).toMatch(/missing/);
    expect(problem({ ...good, 'x-slack-request-timestamp': '17e8' })).toMatch(/not a number/);
    expect(problem({ ...good, 'x-slack-request-timestamp': '-5' })).toMatch(/not a number/);
  });
});
