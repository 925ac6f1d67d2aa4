import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AgentPost } from '../../../src/agents/ports.js';
import { DEPT_EVENT_TYPE } from '../../../src/protocol/message.js';
import { SlackGateway } from '../../../src/slack/gateway.js';
import { buildIdentities, type DedicatedIdentity } from '../../../src/slack/identities.js';
import { SlackPostError } from '../../../src/slack/post-error.js';
import { departmentFixture } from '../../support/department-fixture.js';
import { client, formBody, quiet, slackApi } from './slack-api.js';

const department = departmentFixture();
const identities = buildIdentities(
  { client: client('xoxb-main'), userId: 'UAPP', botId: 'BAPP', teamId: 'T1', name: 'Marketing Dept' },
  new Map<string, DedicatedIdentity>([['copywriter', { mode: 'dedicated', client: client('xoxb-copy'), userId: 'UCOPY', botId: 'BCOPY' }]]),
);
const channels = { lookup: async () => ({ name: 'marketing-content', type: 'channel' as const }) };
const gateway = new SlackGateway({ identities, department, logger: quiet, channels });

const post = (over: Partial<AgentPost> = {}): AgentPost => ({
  agentId: 'seo_specialist',
  channelId: 'C1',
  threadTs: '100.000001',
  text: 'Target "AI ROI" and "implementation cost".',
  mentions: ['copywriter', 'content_manager'],
  protocol: {
    id: 'msg_seo1',
    from: 'seo_specialist',
    to: ['copywriter', 'content_manager'],
    type: 'reply',
    priority: 'normal',
    context: { channel: 'C1', thread_ts: '100.000001', related_messages: [] },
    content: { body: 'Target "AI ROI"' },
    required_response: false,
    model: 'rehearsal-offline',
  },
  rehearsal: true,
  ...over,
});

beforeAll(() => nock.disableNetConnect());
afterAll(() => nock.enableNetConnect());
afterEach(() => {
  expect(nock.pendingMocks()).toEqual([]);
  nock.cleanAll();
});

describe('SlackGateway.postAsAgent', () => {
  it('posts a persona through the main bot with name, icon, thread, metadata and the rehearsal label', async () => {
    let sent: Record<string, unknown> = {};
    slackApi()
      .post('/api/chat.postMessage', (body) => ((sent = formBody(body)), true))
      .matchHeader('authorization', 'Bearer xoxb-main')
      .reply(200, { ok: true, channel: 'C1', ts: '100.000200', message: {} });

    expect(await gateway.postAsAgent(post())).toEqual({ ts: '100.000200' });
    expect(sent).toMatchObject({
      channel: 'C1',
      thread_ts: '100.000001',
      username: 'SEO Specialist',
      icon_emoji: ':mag:',
      unfurl_links: 'false',
      text: '<@UCOPY> *@Content Manager* Target "AI ROI" and "implementation cost".',
      metadata: {
        event_type: DEPT_EVENT_TYPE,
        event_payload: { id: 'msg_seo1', from: 'seo_specialist', to: 'copywriter,content_manager', type: 'reply', model: 'rehearsal-offline', rehearsal: true },
      },
    });
    const blocks = sent.blocks as Array<{ type: string; elements?: Array<{ text: string }>; text?: { text: string } }>;
    expect(blocks[0]!.text!.text).toBe(sent.text);
    expect(blocks.at(-1)!.elements![0]!.text).toContain('Rehearsal model (offline) — not Claude');
  });

  it('uses icon_url for an agent with an image icon', async () => {
    let sent: Record<string, unknown> = {};
    slackApi()
      .post('/api/chat.postMessage', (body) => ((sent = formBody(body)), true))
      .reply(200, { ok: true, ts: '1.2' });
    await gateway.postAsAgent(post({ agentId: 'designer', mentions: [], rehearsal: false }));
    expect(sent).toMatchObject({ username: 'Designer', icon_url: 'https://example.test/designer.png', text: post().text });
    expect(sent.icon_emoji).toBeUndefined();
    expect((sent.blocks as unknown[]).length).toBe(1);
  });

  it('posts a dedicated agent with its own token and no username override', async () => {
    let sent: Record<string, unknown> = {};
    slackApi()
      .post('/api/chat.postMessage', (body) => ((sent = formBody(body)), true))
      .matchHeader('authorization', 'Bearer xoxb-copy')
      .reply(200, { ok: true, ts: '1.3' });
    expect(await gateway.postAsAgent(post({ agentId: 'copywriter', mentions: ['seo_specialist'] }))).toEqual({ ts: '1.3' });
    expect(sent.username).toBeUndefined();
    expect(sent.icon_emoji).toBeUndefined();
    expect(sent.text).toMatch(/^\*@SEO Specialist\* /);
  });

  it('joins a public channel it is not in, then posts once more', async () => {
    slackApi().post('/api/chat.postMessage').reply(200, { ok: false, error: 'not_in_channel' });
    slackApi().post('/api/conversations.join', (b) => formBody(b).channel === 'C1').reply(200, { ok: true, channel: { id: 'C1' } });
    slackApi().post('/api/chat.postMessage').reply(200, { ok: true, ts: '1.4' });
    expect(await gateway.postAsAgent(post())).toEqual({ ts: '1.4' });
  });

  it('a dedicated agent joins with its own token too', async () => {
    slackApi().post('/api/chat.postMessage').matchHeader('authorization', 'Bearer xoxb-copy').reply(200, { ok: false, error: 'not_in_channel' });
    slackApi().post('/api/conversations.join').matchHeader('authorization', 'Bearer xoxb-copy').reply(200, { ok: true, channel: { id: 'C1' } });
    slackApi().post('/api/chat.postMessage').matchHeader('authorization', 'Bearer xoxb-copy').reply(200, { ok: true, ts: '1.5' });
    expect(await gateway.postAsAgent(post({ agentId: 'copywriter' }))).toEqual({ ts: '1.5' });
  });

  it('asks for an invite when it cannot join (a private channel)', async () => {
    slackApi().post('/api/chat.postMessage').reply(200, { ok: false, error: 'not_in_channel' });
    slackApi().post('/api/conversations.join').reply(200, { ok: false, error: 'method_not_supported_for_channel_type' });
    const err = await gateway.postAsAgent(post()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SlackPostError);
    expect(err).toMatchObject({ code: 'method_not_supported_for_channel_type', channelId: 'C1' });
    expect((err as Error).message).toContain('invite it (type /invite @Marketing Dept in #marketing-content)');
  });

  it('throws a SlackPostError saying what to do for channel_not_found', async () => {
    slackApi().post('/api/chat.postMessage').reply(200, { ok: false, error: 'channel_not_found' });
    const err = await gateway.postAsAgent(post()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SlackPostError);
    expect(err).toMatchObject({ code: 'channel_not_found' });
    expect((err as Error).message).toMatch(/Slack cannot find #marketing-content for @Marketing Dept.*invite @Marketing Dept/);
  });

  it('names the token to fix on invalid_auth, and the scope on missing_scope', async () => {
    slackApi().post('/api/chat.postMessage').reply(200, { ok: false, error: 'invalid_auth' });
    await expect(gateway.postAsAgent(post({ agentId: 'copywriter' }))).rejects.toThrow(/SLACK_AGENT_TOKENS\.copywriter/);
    slackApi().post('/api/chat.postMessage').reply(200, { ok: false, error: 'missing_scope', needed: 'chat:write.customize', provided: 'chat:write' });
    await expect(gateway.postAsAgent(post())).rejects.toThrow(/lacks the Slack scope chat:write\.customize/);
    slackApi().post('/api/chat.postMessage').reply(200, { ok: false, error: 'is_archived' });
    await expect(gateway.postAsAgent(post())).rejects.toMatchObject({ code: 'is_archived' });
  });

  it('waits out a 429 (Retry-After) and posts exactly once', async () => {
    const posted: string[] = [];
    slackApi().post('/api/chat.postMessage').reply(429, { ok: false, error: 'ratelimited' }, { 'Retry-After': '1' });
    slackApi()
      .post('/api/chat.postMessage', (b) => (posted.push(String(formBody(b).text)), true))
      .reply(200, { ok: true, ts: '1.6' });
    const started = Date.now();
    expect(await gateway.postAsAgent(post())).toEqual({ ts: '1.6' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(posted).toHaveLength(1);
  });

  it('a 429 that outlasts the client retries is a rate limit (transient, certainly not posted), not "unreachable"', async () => {
    slackApi().post('/api/chat.postMessage').times(3).reply(429, { ok: false, error: 'ratelimited' }, { 'Retry-After': '0' });
    const err = await gateway.postAsAgent(post()).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'ratelimited', transient: true, refused: true });
    expect((err as Error).message).toContain('rate-limiting');
  });

  it('an HTTP error page or a lost connection is transient and may have posted', async () => {
    slackApi().post('/api/chat.postMessage').times(3).reply(503, 'upstream trouble');
    expect(await gateway.postAsAgent(post()).catch((e: unknown) => e)).toMatchObject({ code: 'http_503', transient: true, refused: false });
    slackApi().post('/api/chat.postMessage').times(3).replyWithError({ code: 'ECONNRESET', message: 'socket hang up' });
    const lost = await gateway.postAsAgent(post()).catch((e: unknown) => e);
    expect(lost).toMatchObject({ code: 'unreachable', transient: true, refused: false });
    expect((lost as Error).message).toContain('could not be reached');
  });

  it('a refusal like channel_not_found is lasting', async () => {
    slackApi().post('/api/chat.postMessage').reply(200, { ok: false, error: 'channel_not_found' });
    expect(await gateway.postAsAgent(post()).catch((e: unknown) => e)).toMatchObject({ transient: false, refused: true });
  });

  it('posts a 9,000-character deliverable whole, in sections of at most 3,000 characters', async () => {
    let sent: Record<string, unknown> = {};
    slackApi()
      .post('/api/chat.postMessage', (b) => ((sent = formBody(b)), true))
      .reply(200, { ok: true, ts: '1.7' });
    const deliverable = Array.from({ length: 60 }, (_, i) => `Paragraph ${i}: ${'words '.repeat(24).trim()}.`).join('\n\n');
    expect(deliverable.length).toBeGreaterThan(9000);
    await gateway.postAsAgent(post({ text: deliverable, mentions: [] }));
    expect(sent.text).toBe(deliverable);
    const sections = (sent.blocks as { type: string; text?: { text: string } }[]).filter((b) => b.type === 'section');
    expect(sections.length).toBeGreaterThanOrEqual(4);
    for (const s of sections) expect(s.text!.text.length).toBeLessThanOrEqual(3000);
    expect(sections.map((s) => s.text!.text).join('\n\n')).toBe(deliverable);
  });

  it('heads only the first page of a long message with its mentions, and labels every page', async () => {
    const sent: Record<string, unknown>[] = [];
    slackApi()
      .post('/api/chat.postMessage', (b) => (sent.push(formBody(b)), true))
      .times(2)
      .reply(200, { ok: true, ts: '1.8' });
    const page = (index: number) => post({ text: `page ${index}`, protocol: { ...post().protocol, id: `msg_p${index}`, part: { index, count: 2, first: 'msg_p1' } } });
    await gateway.postAsAgent(page(1));
    await gateway.postAsAgent(page(2));
    expect(String(sent[0]!.text)).toMatch(/^<@UCOPY> \*@Content Manager\* page 1$/);
    expect(sent[1]!.text).toBe('page 2');
    expect(JSON.stringify(sent[0]!.blocks)).toContain('Part 1 of 2 — continued below');
    expect(JSON.stringify(sent[1]!.blocks)).toContain('Part 2 of 2');
  });

  it('refuses an agent that is not in the department', async () => {
    await expect(gateway.postAsAgent(post({ agentId: 'intern' }))).rejects.toMatchObject({ code: 'unknown_agent' });
  });
});

describe('SlackGateway.postNotice', () => {
  it('posts as the main bot without a persona', async () => {
    let sent: Record<string, unknown> = {};
    slackApi()
      .post('/api/chat.postMessage', (b) => ((sent = formBody(b)), true))
      .matchHeader('authorization', 'Bearer xoxb-main')
      .reply(200, { ok: true, ts: '2.1' });
    expect(await gateway.postNotice({ channelId: 'C1', threadTs: '100.000001', text: 'Budget reached.' })).toEqual({ ts: '2.1' });
    expect(sent).toMatchObject({ channel: 'C1', thread_ts: '100.000001', text: 'Budget reached.' });
    expect(sent.username).toBeUndefined();
  });
});

describe('SlackGateway.findPosted', () => {
  const meta = (id: string) => ({ event_type: DEPT_EVENT_TYPE, event_payload: { id, from: 'cmo' } });
  it('finds an agent message in the thread by its protocol id, reading only since its reservation', async () => {
    let query: Record<string, unknown> = {};
    slackApi()
      .post('/api/conversations.replies', (b) => ((query = formBody(b)), true))
      .reply(200, {
        ok: true,
        has_more: false,
        messages: [
          { ts: '100.000001', text: 'the question' },
          { ts: '100.000300', text: 'other', metadata: meta('msg_other') },
          { ts: '100.000400', text: 'mine', metadata: meta('msg_mine') },
        ],
      });
    expect(await gateway.findPosted({ channelId: 'C1', threadTs: '100.000001', messageId: 'msg_mine', since: new Date(1_700_000_000_000) })).toEqual({ ts: '100.000400' });
    expect(query).toMatchObject({ channel: 'C1', ts: '100.000001', include_all_metadata: 'true', oldest: '1699999940' });
  });

  it('answers null when the message is not in the thread, following pages', async () => {
    slackApi().post('/api/conversations.replies').reply(200, { ok: true, has_more: true, messages: [{ ts: '1.1' }], response_metadata: { next_cursor: 'c2' } });
    slackApi().post('/api/conversations.replies', (b) => formBody(b).cursor === 'c2').reply(200, { ok: true, has_more: false, messages: [{ ts: '1.2', metadata: meta('msg_x') }] });
    expect(await gateway.findPosted({ channelId: 'C1', threadTs: '1.1', messageId: 'msg_mine', since: new Date() })).toBeNull();
  });
});
