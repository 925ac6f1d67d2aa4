import nock from 'nock';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLibraryPublisher } from '../../../src/publishing/library-publisher.js';
import type { Publisher, PublishRequest } from '../../../src/publishing/publisher.js';
import { createWebhookOutlet } from '../../../src/publishing/webhook-outlet.js';
import { createChannelIds } from '../../../src/slack/channel-ids.js';
import { ANNOUNCEMENT_EVENT_TYPE, SlackGateway } from '../../../src/slack/gateway.js';
import { buildIdentities } from '../../../src/slack/identities.js';
import { createPublicationAnnouncer } from '../../../src/slack/publication-announcer.js';
import { PublicationStore } from '../../../src/store/publication-store.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';
import { departmentFixture } from '../../support/department-fixture.js';
import { importReadmeSnippet } from '../../support/readme-snippet.js';
import { client, formBody, quiet, SLACK_HOST } from '../../unit/slack/slack-api.js';
import { webhookSignatureHeaders } from '../../../src/publishing/webhook-signature.js';

/**
 * The publisher on real Postgres, announcing through the real gateway and WebClient (Slack's Web
 * API answered by nock) and sending to a webhook answered by nock.
 */
const HOOK = 'http://hooks.test';
const SECRET = 'webhook-secret-for-tests';
const PUBLISHED = 'C0PUBLISHED';
const department = departmentFixture();

type Body = Record<string, unknown>;
let t: TestDatabase;
let library: PublicationStore;
let posts: Body[];
let postAnswers: Body[];
let historyCalls: number;
let history: Body[];

function mockSlack() {
  posts = [];
  postAnswers = [];
  historyCalls = 0;
  history = [];
  const api = nock(SLACK_HOST).persist();
  api.post('/api/conversations.list').reply(200, { ok: true, channels: [{ id: PUBLISHED, name: 'marketing-published' }], response_metadata: { next_cursor: '' } });
  api.post('/api/chat.postMessage').reply(200, (_u, body) => {
    posts.push(formBody(body));
    return postAnswers.shift() ?? { ok: true, channel: PUBLISHED, ts: `1800000000.00000${posts.length}` };
  });
  api.post('/api/conversations.history').reply(200, () => (historyCalls++, { ok: true, messages: history, has_more: false }));
}

/** A publisher as the composition builds it, with the webhook when asked and retries that do not wait. */
function publisher(opts: { webhook?: boolean; timeoutMs?: number } = {}): Publisher {
  const identities = buildIdentities({ client: client('xoxb-main'), userId: 'UAPP', botId: 'BAPP', teamId: 'T1', name: 'Marketing Dept' }, new Map());
  const channels = { lookup: async () => ({ name: 'marketing-published', type: 'channel' as const }) };
  const gateway = new SlackGateway({ identities, department, logger: quiet, channels, channelIds: createChannelIds(identities.main.client, quiet) });
  const webhook = opts.webhook
    ? createWebhookOutlet({ url: `${HOOK}/publish`, secret: SECRET, logger: quiet, retryDelaysMs: [0, 0, 0], ...(opts.timeoutMs ? { timeoutMs: opts.timeoutMs } : {}) })
    : undefined;
  return createLibraryPublisher({ library, announcer: createPublicationAnnouncer(gateway, department), webhook, logger: quiet });
}

const request = (over: Partial<PublishRequest> = {}): PublishRequest => ({
  deliverableId: 'dlvb_costs',
  version: 1,
  title: 'AI costs for small businesses',
  contentType: 'blog_post',
  content: '# AI costs\n\nSmall businesses spend **less** than they think.\n\n- Start small\n- Measure',
  author: 'copywriter',
  approvedBy: 'U0ALEX',
  conversationId: 'conv_costs',
  rehearsal: false,
  ...over,
});

const rows = async () => (await t.query('select * from publications order by published_at')).rows;
const blocksOf = (post: Body) => JSON.stringify(post.blocks);

/** The webhook calls nock received, with their raw bodies and headers. */
function webhookCalls(scope: nock.Scope) {
  const calls: { body: string; headers: Record<string, string> }[] = [];
  scope.on('request', (req: { headers: Record<string, string> }, _i: unknown, body: string) => calls.push({ body, headers: req.headers }));
  return calls;
}

beforeAll(async () => {
  nock.disableNetConnect();
  nock.enableNetConnect((host) => host.startsWith('127.0.0.1') || host.startsWith('localhost'));
  t = await createTestDatabase();
  library = new PublicationStore(t.database.db);
});
beforeEach(async () => {
  nock.cleanAll();
  await t.query('truncate publications');
  mockSlack();
});
afterAll(async () => {
  nock.cleanAll();
  nock.enableNetConnect();
  await t?.drop();
});

describe('the library (no webhook)', () => {
  it('stores the version once and announces it once in #marketing-published as the app; a second call returns the first result and does nothing', async () => {
    const p = publisher();
    const first = await p.publish(request());
    expect(first).toEqual({
      publicationId: expect.stringMatching(/^pub_/),
      where: ['library'],
      said: "Published to the department's library and announced in #marketing-published; no website is connected.",
      libraryTs: '1800000000.000001',
    });
    expect(posts).toHaveLength(1);
    const post = posts[0]!;
    expect(post).toMatchObject({ channel: PUBLISHED, text: 'Published: AI costs for small businesses (blog post, version 1)', metadata: { event_type: ANNOUNCEMENT_EVENT_TYPE, event_payload: { key: first.publicationId } } });
    expect(post.username).toBeUndefined(); // the department's own app, not an agent's persona
    expect(post.icon_emoji).toBeUndefined();
    const blocks = blocksOf(post);
    expect(blocks).toContain('*Published: AI costs for small businesses*');
    expect(blocks).toContain('Blog post · version 1 · by Copywriter · approved by <@U0ALEX>');
    expect(blocks).toContain("Went to the department's library.");
    expect(blocks).toContain('*AI costs*\\n\\nSmall businesses spend *less* than they think.\\n\\n• Start small'); // Markdown shown as mrkdwn
    expect(blocks).not.toMatch(/website|LinkedIn|webhook/i);

    expect(await p.publish(request())).toEqual(first);
    expect(await publisher().publish(request())).toEqual(first); // another process, after a crash
    expect(posts).toHaveLength(1);
    expect(await rows()).toMatchObject([
      {
        id: first.publicationId, deliverable_id: 'dlvb_costs', version: 1, title: 'AI costs for small businesses', content_type: 'blog_post', content: request().content,
        author: 'copywriter', approved_by: 'U0ALEX', conversation_id: 'conv_costs', rehearsal: false, announce_channel_id: PUBLISHED, announce_ts: '1800000000.000001',
        webhook_status: null, webhook_detail: null, webhook_started_at: null,
      },
    ]);
  });

  it('publishes a new version as a new publication; L4 work says nobody approved it; rehearsal content is labelled', async () => {
    const p = publisher();
    const one = await p.publish(request());
    const two = await p.publish(request({ version: 2, approvedBy: null, rehearsal: true }));
    expect(two.publicationId).not.toBe(one.publicationId);
    expect(posts).toHaveLength(2);
    expect(blocksOf(posts[1]!)).toContain("version 2 · by Copywriter · published without a person's approval (autonomy level L4)");
    expect(blocksOf(posts[1]!)).toContain('Rehearsal content (offline model) — not written by Claude.');
    expect(blocksOf(posts[0]!)).not.toContain('Rehearsal');
    expect((await rows()).map((r) => [r.version, r.approved_by, r.rehearsal])).toEqual([[1, 'U0ALEX', false], [2, null, true]]);
  });

  it('two calls at once publish and announce once', async () => {
    // However their steps interleave: the later one leaves the announcement to the one posting it.
    const [a, b] = await Promise.all([publisher().publish(request()), publisher().publish(request())]);
    expect(a.publicationId).toBe(b.publicationId);
    expect(posts).toHaveLength(1);
    expect(await rows()).toHaveLength(1);
  });

  it('an announcement Slack refuses is said in the thread, the publication is kept, and the next call announces it', async () => {
    postAnswers.push({ ok: false, error: 'is_archived' });
    const p = publisher();
    const first = await p.publish(request());
    expect(first.where).toEqual(['library']);
    expect(first.libraryTs).toBeUndefined();
    expect(first.said).toBe(
      "Published to the department's library; no website is connected. It could not be announced in #marketing-published: #marketing-published is archived: unarchive it, or continue the conversation in another channel.",
    );
    expect(await rows()).toMatchObject([{ id: first.publicationId, announce_ts: null, announce_started_at: null }]);

    const second = await p.publish(request());
    expect(second).toEqual({ ...first, said: "Published to the department's library and announced in #marketing-published; no website is connected.", libraryTs: '1800000000.000002' });
    expect(historyCalls).toBe(0); // refused: certainly not in the channel, so nothing to look for
    expect(posts).toHaveLength(2);
  });

  it('a re-run after a crash between posting and recording finds the announcement in the channel instead of posting it again', async () => {
    // The first attempt recorded the publication and reserved its announcement, then died; the
    // sweeper re-drives its run once the drive lease lapses (10-15 s later), not while another call is posting.
    const row = await library.record({ ...request(), approvedBy: 'U0ALEX' });
    expect(await library.claimAnnouncement(row.id, null, new Date(Date.now() - 15_000))).toBe(true);
    history = [
      { type: 'message', ts: '1800000000.000100', text: 'something else' },
      { type: 'message', ts: '1800000000.000200', text: 'Published: …', metadata: { event_type: ANNOUNCEMENT_EVENT_TYPE, event_payload: { key: row.id } } },
    ];
    const result = await publisher().publish(request());
    expect(result).toMatchObject({ publicationId: row.id, libraryTs: '1800000000.000200' });
    expect(historyCalls).toBe(1);
    expect(posts).toHaveLength(0);
  });
});

describe('the webhook', () => {
  it('receives the signed JSON once, and the signature verifies with the README\'s recipe', async () => {
    const hook = nock(HOOK).post('/publish').reply(200, 'ok');
    const calls = webhookCalls(hook);
    const p = publisher({ webhook: true });
    const result = await p.publish(request());
    expect(result).toMatchObject({
      where: ['library', 'webhook'],
      said: "Published to the department's library and announced in #marketing-published, and sent to your publishing webhook (HTTP 200).",
    });
    expect(calls).toHaveLength(1);
    const [call] = calls;
    const [row] = await rows();
    expect(JSON.parse(call!.body)).toEqual({
      event: 'deliverable.published',
      publication_id: result.publicationId,
      deliverable_id: 'dlvb_costs',
      version: 1,
      title: 'AI costs for small businesses',
      content_type: 'blog_post',
      content: request().content,
      author: 'copywriter',
      approved_by: 'U0ALEX',
      published_at: (row!.published_at as Date).toISOString(),
    });
    const header = (name: string) => call!.headers[name] ?? call!.headers[name.toLowerCase()];
    expect(header('content-type')).toBe('application/json');
    expect(Math.abs(Number(header('X-Dept-Timestamp')) - Date.now() / 1000)).toBeLessThan(10);
    expect(header('X-Dept-Signature')).toMatch(/^v1=[0-9a-f]{64}$/);

    const { isFromDepartment } = await importReadmeSnippet<{ isFromDepartment: (body: string | Buffer, ts?: string, sig?: string, secret?: string) => boolean }>('isFromDepartment');
    expect(isFromDepartment(call!.body, header('X-Dept-Timestamp'), header('X-Dept-Signature'), SECRET)).toBe(true);
    expect(isFromDepartment(Buffer.from(call!.body), header('X-Dept-Timestamp'), header('X-Dept-Signature'), SECRET)).toBe(true);
    expect(isFromDepartment(call!.body.replace('AI costs', 'AI savings'), header('X-Dept-Timestamp'), header('X-Dept-Signature'), SECRET)).toBe(false);
    expect(isFromDepartment(call!.body, header('X-Dept-Timestamp'), header('X-Dept-Signature'), 'another secret')).toBe(false);
    // Signed right but ten minutes old: refused for its age alone (a fresh one signed the same way passes).
    const signedAt = (ts: number) => webhookSignatureHeaders(SECRET, call!.body, ts);
    const old = signedAt(Math.floor(Date.now() / 1000) - 600);
    const fresh = signedAt(Math.floor(Date.now() / 1000));
    expect(isFromDepartment(call!.body, fresh['X-Dept-Timestamp'], fresh['X-Dept-Signature'], SECRET)).toBe(true);
    expect(isFromDepartment(call!.body, old['X-Dept-Timestamp'], old['X-Dept-Signature'], SECRET)).toBe(false);
    expect(isFromDepartment(call!.body, undefined, undefined, SECRET)).toBe(false);

    expect(blocksOf(posts[0]!)).toContain("Went to the department's library and your publishing webhook (HTTP 200).");
    expect(await p.publish(request())).toEqual(result);
    expect(calls).toHaveLength(1);
  });

  it('a re-run 15 s after a driver died mid-send (the drive lease lapsed) sends it, once', async () => {
    // The first attempt recorded the publication and claimed the webhook, then died before an answer.
    const row = await library.record({ ...request(), approvedBy: 'U0ALEX' });
    expect(await library.claimWebhook(row.id, null, new Date(Date.now() - 15_000))).toBe(true);
    const hook = nock(HOOK).post('/publish').reply(200, 'ok');
    const calls = webhookCalls(hook);
    const p = publisher({ webhook: true });
    const result = await p.publish(request());
    expect(calls).toHaveLength(1);
    expect(result).toMatchObject({ publicationId: row.id, where: ['library', 'webhook'], libraryTs: '1800000000.000001' });
    expect(await rows()).toMatchObject([{ id: row.id, webhook_status: 'sent', webhook_detail: 'HTTP 200' }]);
    expect(await p.publish(request())).toEqual(result);
    expect(calls).toHaveLength(1);
  });

  it('retries a 500 and succeeds on the 200 that follows', async () => {
    const hook = nock(HOOK).post('/publish').reply(500, 'busy').post('/publish').reply(200);
    const calls = webhookCalls(hook);
    const result = await publisher({ webhook: true }).publish(request());
    expect(calls).toHaveLength(2);
    expect(result.where).toEqual(['library', 'webhook']);
    expect(await rows()).toMatchObject([{ webhook_status: 'sent', webhook_detail: 'HTTP 200' }]);
  });

  it('a webhook that keeps failing is tried four times, recorded and said honestly, and the library keeps the publication', async () => {
    const hook = nock(HOOK).post('/publish').times(4).reply(503, 'down for maintenance');
    const calls = webhookCalls(hook);
    const p = publisher({ webhook: true });
    const result = await p.publish(request());
    expect(calls).toHaveLength(4);
    expect(result).toMatchObject({
      where: ['library'],
      said: "Published to the department's library and announced in #marketing-published. Sending it to your publishing webhook failed: HTTP 503 after 4 attempts. The publication is kept in the library.",
      libraryTs: '1800000000.000001',
    });
    expect(await rows()).toMatchObject([{ id: result.publicationId, content: request().content, webhook_status: 'failed', webhook_detail: 'HTTP 503 after 4 attempts' }]);
    expect(blocksOf(posts[0]!)).toContain("Went to the department's library only; the publishing webhook failed: HTTP 503 after 4 attempts.");
    // The workflow step re-runs: the first result, and no fifth call.
    expect(await p.publish(request())).toEqual(result);
    expect(calls).toHaveLength(4);
  });

  it('says what a network failure was, and does not retry a refusal (4xx)', async () => {
    nock(HOOK).post('/publish').times(4).replyWithError({ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 10.0.0.9:443' });
    const unreachable = await publisher({ webhook: true }).publish(request());
    expect(unreachable.said).toMatch(/Sending it to your publishing webhook failed: .*ECONNREFUSED.* after 4 attempts\. The publication is kept in the library\.$/);

    const refusing = nock(HOOK).post('/publish').reply(401, 'bad signature');
    const calls = webhookCalls(refusing);
    const refused = await publisher({ webhook: true }).publish(request({ version: 2 }));
    expect(calls).toHaveLength(1);
    expect(refused.said).toContain('failed: HTTP 401, refused (does the receiver check the signature with the same PUBLISH_WEBHOOK_SECRET?). The publication is kept in the library.');
    expect(nock.pendingMocks().filter((m) => m.includes('hooks.test'))).toEqual([]); // every failure was tried
  });

  it('gives up on a receiver that does not answer in time', async () => {
    nock(HOOK).post('/publish').times(4).delay(1_000).reply(200);
    const result = await publisher({ webhook: true, timeoutMs: 100 }).publish(request());
    expect(result.where).toEqual(['library']);
    expect(await rows()).toMatchObject([{ webhook_status: 'failed', webhook_detail: 'no answer within 0.1 s after 4 attempts' }]);
  });

  it('never sends rehearsal content, and says so', async () => {
    const hook = nock(HOOK).post('/publish').reply(200);
    const calls = webhookCalls(hook);
    const result = await publisher({ webhook: true }).publish(request({ rehearsal: true }));
    expect(calls).toHaveLength(0);
    expect(result).toMatchObject({
      where: ['library'],
      said: "Published to the department's library and announced in #marketing-published. It is rehearsal content (offline model), so it was not sent to your publishing webhook.",
    });
  });
});
