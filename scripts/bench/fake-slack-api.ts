import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { seededRandom } from './seeded-random.js';

/** Protocol metadata as chat.postMessage carries it (`metadata.event_payload.id` is the protocol message id). */
export interface SlackMetadata {
  event_type: string;
  event_payload: Record<string, unknown>;
}

/** A message the fake holds: a person's thread parent (added by the caller) or an accepted post. */
export interface SlackMessage {
  channel: string;
  ts: string;
  /** Set on replies (and on a parent once it has replies). */
  threadTs?: string | undefined;
  text: string;
  user?: string | undefined;
  /** Set on the app's posts. */
  botId?: string | undefined;
  /** The token that posted it (tells apart processes given tokens of their own). */
  token?: string | undefined;
  username?: string | undefined;
  metadata?: SlackMetadata | undefined;
  /** Date.now() when the fake accepted it. */
  at: number;
}

export interface FakeSlackOptions {
  /** Fraction (0–1) of chat.postMessage calls answered 429 instead of posting. */
  rateLimitFraction?: number;
  /** Retry-After (whole seconds: the SDK parses an integer) sent with each 429. */
  retryAfterSeconds?: number;
  /** Seed of the 429 draw, so a trial can be rerun with the same faults. */
  seed?: number;
  /** Name conversations.info gives every channel not in `channels`. */
  channelName?: string;
  /** Named channels (name → id) for conversations.list: the department finds its card and announcement channels by name. */
  channels?: Record<string, string>;
  /**
   * How long every answer takes to reach the caller. A post is accepted (recorded) on arrival,
   * so a caller that dies meanwhile has posted without learning its ts, as with real Slack.
   */
  latencyMs?: number;
}

/**
 * The Web API methods the department calls, answered locally in Slack's shapes, so the benchmark
 * and the fault harness measure our service rather than the network. It records every accepted
 * post (text, thread, username, metadata, when) so callers can count answers per event, and can
 * answer 429 with Retry-After to a fraction of chat.postMessage calls.
 */
export async function startFakeSlackApi(botUserId: string, options: FakeSlackOptions = {}) {
  let seq = 0;
  let rateLimitFraction = options.rateLimitFraction ?? 0;
  const random = seededRandom(options.seed ?? 1);
  /** Thread ts → when its latest reply was accepted (the benchmark's end-to-end clock). */
  const repliesByThread = new Map<string, number>();
  /** Every chat.postMessage Slack accepted, in order. */
  const posts: SlackMessage[] = [];
  const ephemerals: Record<string, unknown>[] = [];
  const messages = new Map<string, SlackMessage>(); // `${channel}/${ts}`
  const stats = { calls: new Map<string, number>(), rateLimited: 0, updates: 0 };
  const nextTs = () => {
    seq++;
    return `${1_900_000_000 + Math.floor(seq / 1000)}.${String(seq % 1000).padStart(6, '0')}`;
  };
  const key = (channel: string, ts: string) => `${channel}/${ts}`;
  const channelNames = new Map(Object.entries(options.channels ?? {}).map(([name, id]) => [id, name]));

  /** Accepted posts whose answer has not reached the caller yet, per token. */
  const unanswered = new Map<string, number>();
  const handlers: Record<string, (p: Record<string, unknown>, token: string) => Reply> = {
    'auth.test': () => ok({ url: 'https://fake.slack.com/', team: 'Fake', user: 'marketing-dept', team_id: 'T0FAKE', user_id: botUserId, bot_id: 'B0FAKE' }),
    'chat.postMessage': (p, token) => {
      if (rateLimitFraction > 0 && random() < rateLimitFraction) {
        stats.rateLimited++;
        return { status: 429, headers: { 'retry-after': String(options.retryAfterSeconds ?? 1) }, body: { ok: false, error: 'ratelimited' } };
      }
      const channel = str(p.channel);
      if (!channel) return fail('channel_not_found');
      const text = str(p.text) ?? '';
      const threadTs = str(p.thread_ts);
      const message: SlackMessage = {
        channel,
        ts: nextTs(),
        threadTs,
        text,
        user: botUserId,
        botId: 'B0FAKE',
        token,
        username: str(p.username),
        metadata: metadataOf(p.metadata),
        at: Date.now(),
      };
      messages.set(key(channel, message.ts), message);
      posts.push(message);
      if (threadTs) {
        repliesByThread.set(threadTs, message.at);
        const parent = messages.get(key(channel, threadTs));
        if (parent) parent.threadTs = threadTs;
      }
      return ok({ channel, ts: message.ts, message: messageObject(message, true) });
    },
    'chat.postEphemeral': (p) => {
      ephemerals.push(p);
      return ok({ message_ts: nextTs() });
    },
    'chat.update': (p) => {
      const found = messages.get(key(str(p.channel) ?? '', str(p.ts) ?? ''));
      if (!found) return fail('message_not_found');
      if (p.text !== undefined) found.text = str(p.text) ?? '';
      if (p.metadata !== undefined) found.metadata = metadataOf(p.metadata);
      stats.updates++;
      return ok({ channel: found.channel, ts: found.ts, text: found.text, message: messageObject(found, true) });
    },
    'conversations.replies': (p) => {
      const channel = str(p.channel) ?? '';
      const found = messages.get(key(channel, str(p.ts) ?? ''));
      if (!found) return fail('thread_not_found');
      const root = found.threadTs ?? found.ts;
      // Slack: the parent first, then the replies oldest first; `limit` defaults to 1000.
      const thread = [...messages.values()]
        .filter((m) => m.channel === channel && (m.ts === root || m.threadTs === root))
        .sort((a, b) => (a.ts === root ? -1 : b.ts === root ? 1 : compareTs(a.ts, b.ts)));
      const offset = Number(Buffer.from(str(p.cursor) ?? '', 'base64').toString() || 0);
      const limit = Math.min(Number(p.limit ?? 1000) || 1000, 1000);
      const page = thread.slice(offset, offset + limit);
      const more = offset + limit < thread.length;
      const withMetadata = p.include_all_metadata === true || p.include_all_metadata === 'true';
      return ok({
        messages: page.map((m) => messageObject(m, withMetadata)),
        has_more: more,
        response_metadata: { next_cursor: more ? Buffer.from(String(offset + limit)).toString('base64') : '' },
      });
    },
    // Slack: the channel's top-level messages (thread parents, not their replies), newest first, from `oldest` on.
    'conversations.history': (p) => {
      const channel = str(p.channel) ?? '';
      const oldest = str(p.oldest);
      const limit = Math.min(Number(p.limit ?? 100) || 100, 1000);
      const top = [...messages.values()]
        .filter((m) => m.channel === channel && (!m.threadTs || m.threadTs === m.ts) && (!oldest || compareTs(m.ts, oldest) > 0))
        .sort((a, b) => compareTs(b.ts, a.ts));
      const withMetadata = p.include_all_metadata === true || p.include_all_metadata === 'true';
      return ok({ messages: top.slice(0, limit).map((m) => messageObject(m, withMetadata)), has_more: top.length > limit, response_metadata: { next_cursor: '' } });
    },
    'conversations.info': (p) =>
      ok({ channel: { id: p.channel, name: channelNames.get(str(p.channel) ?? '') ?? options.channelName ?? 'marketing-insights', is_channel: true, is_member: true } }),
    'conversations.list': () =>
      ok({ channels: Object.entries(options.channels ?? {}).map(([name, id]) => ({ id, name, is_channel: true, is_member: true })), response_metadata: { next_cursor: '' } }),
    'users.info': (p) => ok({ user: { id: p.user, name: String(p.user).toLowerCase(), profile: { display_name: String(p.user), real_name: String(p.user) } } }),
    'conversations.join': (p) => ok({ channel: { id: p.channel } }),
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const method = (req.url ?? '').replace(/^\/api\//, '').split('?')[0] ?? '';
      stats.calls.set(method, (stats.calls.get(method) ?? 0) + 1);
      const token = (req.headers.authorization ?? '').replace(/^Bearer /, '');
      let reply: Reply;
      try {
        const params = parseBody(Buffer.concat(chunks).toString(), req.headers['content-type'] ?? '');
        reply = handlers[method]?.(params, token) ?? fail('unknown_method');
      } catch {
        reply = fail('invalid_arguments');
      }
      if (method === 'chat.postMessage' && reply.status === 200) {
        unanswered.set(token, (unanswered.get(token) ?? 0) + 1);
        res.once('close', () => unanswered.set(token, unanswered.get(token)! - 1));
      }
      const answer = () => res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers }).end(JSON.stringify(reply.body));
      if (options.latencyMs) setTimeout(answer, options.latencyMs);
      else answer();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api/`,
    repliesByThread,
    posts,
    ephemerals,
    stats,
    /** A person's message that opens a thread, so conversations.replies finds it as Slack would. */
    addMessage(m: { channel: string; ts: string; user: string; text: string }) {
      messages.set(key(m.channel, m.ts), { ...m, at: Date.now() });
    },
    /** Posts accepted from this token whose answer is still on its way (see latencyMs). */
    postsInFlight(token: string): number {
      return unanswered.get(token) ?? 0;
    },
    setRateLimitFraction(fraction: number) {
      rateLimitFraction = fraction;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export type FakeSlackApi = Awaited<ReturnType<typeof startFakeSlackApi>>;

interface Reply {
  status: number;
  headers?: Record<string, string>;
  body: object;
}

const ok = (body: object): Reply => ({ status: 200, body: { ok: true, ...body } });
const fail = (error: string): Reply => ({ status: 200, body: { ok: false, error } });
const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);

/** The WebClient sends form fields, with objects (blocks, metadata) JSON-encoded; JSON bodies carry them as objects. */
function metadataOf(raw: unknown): SlackMetadata | undefined {
  const value = typeof raw === 'string' ? (JSON.parse(raw) as unknown) : raw;
  if (!value || typeof value !== 'object') return undefined;
  const m = value as Partial<SlackMetadata>;
  return typeof m.event_type === 'string' ? { event_type: m.event_type, event_payload: m.event_payload ?? {} } : undefined;
}

/** A message as the Web API shows it; metadata only when asked for (include_all_metadata) or on the post itself. */
function messageObject(m: SlackMessage, withMetadata: boolean): Record<string, unknown> {
  return {
    type: 'message',
    ...(m.user ? { user: m.user } : {}),
    ...(m.botId ? { bot_id: m.botId, app_id: 'A0FAKE' } : {}),
    ...(m.username ? { username: m.username } : {}),
    text: m.text,
    ts: m.ts,
    ...(m.threadTs ? { thread_ts: m.threadTs } : {}),
    ...(withMetadata && m.metadata ? { metadata: m.metadata } : {}),
  };
}

function compareTs(a: string, b: string): number {
  const [as, au = ''] = a.split('.');
  const [bs, bu = ''] = b.split('.');
  return Number(as) - Number(bs) || Number(au) - Number(bu);
}

function parseBody(raw: string, contentType: string): Record<string, unknown> {
  if (contentType.includes('application/json')) return JSON.parse(raw || '{}') as Record<string, unknown>;
  return Object.fromEntries(new URLSearchParams(raw));
}

