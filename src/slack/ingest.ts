import type { Logger } from 'pino';
import type { Bus } from '../bus/bus.js';
import type { Department } from '../department/schema.js';
import { departmentChannels } from '../department/channels.js';
import { humanSender, type ProtocolMessage } from '../protocol/message.js';
import { storableText } from '../lib/storable-text.js';
import { newId } from '../store/ids.js';
import type { Store } from '../store/store.js';
import type { ChannelDirectory, ChannelInfo } from './channel-directory.js';
import { EventNotRecordedError } from './event-not-recorded.js';
import { errorLine } from '../lib/error-line.js';
import type { Identities } from './identities.js';
import { applyMessageChange, type ChangeOutcome } from './message-changes.js';
import { CHANGE_SUBTYPES, messageChangeSchema, messageEventSchema, type MessageEvent } from './message-event.js';
import { notFromAPerson } from './person-message.js';
import { withRetries } from '../lib/retry.js';
import { resolveTargets, type ChannelType, type Route } from './routing.js';
import { settleWithin } from '../lib/settle-within.js';
import { storedText } from './stored-text.js';

export interface IngestDeps {
  store: Pick<Store, 'ingestHumanMessage' | 'threadAgents' | 'mirrorHumanMessage' | 'applyMessageChange'>;
  bus: Pick<Bus, 'publish'>;
  department: Department;
  identities: Pick<Identities, 'main' | 'agentByUserId' | 'isOurBot'>;
  channels: ChannelDirectory;
  logger: Logger;
}

export interface EventMeta {
  /** Slack's event_id (the envelope's): a retried event carries the same one. */
  eventId: string | undefined;
  teamId?: string | undefined;
  /** "app_mention" or "message". */
  eventType: string;
  /** Slack's retry count (x-slack-retry-num / retry_attempt): 3 is its last try. */
  retryNum?: number | undefined;
}

export type IngestOutcome =
  | { status: 'dropped'; why: string }
  | { status: 'no_target'; route: Route }
  /** For no agent, kept as the thread's history (no delivery). */
  | { status: 'history'; route: Route }
  | ChangeOutcome
  | { status: 'duplicate'; route: Route }
  | { status: 'stored'; route: Route; messageId: string; deliveryIds: string[] };

export interface Ingest {
  /**
   * Resolves once the message is recorded (or needs no recording); rejects with
   * EventNotRecordedError when it could not be, so that the event is not acknowledged.
   */
  handleMessageEvent(event: unknown, meta: EventMeta): Promise<IngestOutcome>;
}

/** Slack retries an unacknowledged event three times (after ~0 s, 1 min, 5 min); the third is its last. */
export const SLACK_LAST_RETRY = 3;
/** A failed read or write is tried again this soon, twice, before the event is left to Slack's retry. */
export const WRITE_RETRY_DELAYS_MS = [20, 100] as const;
/** A channel's name (home-channel routing) comes from conversations.info on a cache miss: wait this long at most. */
export const CHANNEL_LOOKUP_BUDGET_MS = 1_000;

/**
 * Turns a person's Slack message into stored work: route it, then record the event, mirror the
 * message and write a delivery per target agent in one statement; then publish the deliveries.
 * Slack's ack waits for this, so it is quick or it fails: a failed write is retried twice at
 * once, a slow channel lookup is not waited for; the event is then left unacknowledged and Slack
 * sends it again. On Slack's last try the person is asked to resend instead.
 */
export function createIngest(deps: IngestDeps): Ingest {
  const log = deps.logger.child({ component: 'slack-ingest' });
  const ownChannels = new Set(departmentChannels(deps.department));

  async function handleMessageEvent(raw: unknown, meta: EventMeta): Promise<IngestOutcome> {
    if (CHANGE_SUBTYPES.has((raw as { subtype?: unknown } | null)?.subtype as string)) return handleChange(raw, meta);
    const started = performance.now();
    const parsed = messageEventSchema.safeParse(raw);
    if (!parsed.success) {
      log.warn({ event_id: meta.eventId, type: meta.eventType, problem: parsed.error.issues[0]?.message }, 'dropped a malformed message event');
      return { status: 'dropped', why: 'malformed' };
    }
    const event = parsed.data;
    const why = notFromAPerson(event, deps.identities);
    if (why) {
      log.debug({ event_id: meta.eventId, type: meta.eventType, channel: event.channel, subtype: event.subtype, why }, 'message event ignored');
      return { status: 'dropped', why };
    }
    const user = event.user!;
    const threadTs = event.thread_ts ?? event.ts;
    const lastTry = (meta.retryNum ?? 0) >= SLACK_LAST_RETRY;
    const line = { event_id: meta.eventId, type: meta.eventType, channel: event.channel, thread: threadTs, user, retry: meta.retryNum };
    try {
      const { route, channelName } = await routeOf(event, lastTry);
      const outcome = route.targets.length === 0 ? await keepAsHistory(event, user, threadTs, route, channelName, meta) : await store(event, user, threadTs, route, meta);
      log.info(
        { ...line, targets: route.targets, reason: route.reason, history: outcome.status === 'history', duplicate: outcome.status === 'duplicate', ms: elapsed(started) },
        'slack message',
      );
      return outcome;
    } catch (err) {
      const cause = errorLine(err);
      if (lastTry) {
        log.error({ ...line, error: cause, ms: elapsed(started) }, 'slack message could not be recorded on Slack\'s last try; asking the person to send it again');
        void askToResend(event, user, threadTs);
      } else {
        log.warn({ ...line, error: cause, ms: elapsed(started) }, 'slack message not recorded yet; left unacknowledged so Slack sends it again');
      }
      throw new EventNotRecordedError(meta.eventId, cause, { cause: err });
    }
  }

  /** Slack will not try again after its last retry, so the person is the only one who can: tell them, privately. */
  async function askToResend(event: MessageEvent, user: string, threadTs: string): Promise<void> {
    try {
      await deps.identities.main.client.chat.postEphemeral({
        channel: event.channel,
        user,
        ...(threadTs !== event.ts ? { thread_ts: threadTs } : {}),
        text: ':warning: The department could not take your message just now (its database did not answer), so no agent will see it. Please send it again in a minute.',
      });
    } catch (err) {
      log.error({ channel: event.channel, user, error: errorLine(err) }, 'could not tell the person their message was not taken');
    }
  }

  /** An edit or a deletion: the stored thread follows it. Not recorded → not acknowledged, as for messages. */
  async function handleChange(raw: unknown, meta: EventMeta): Promise<IngestOutcome> {
    const parsed = messageChangeSchema.safeParse(raw);
    if (!parsed.success) {
      log.warn({ event_id: meta.eventId, problem: parsed.error.issues[0]?.message }, 'dropped a malformed message change event');
      return { status: 'dropped', why: 'malformed' };
    }
    try {
      return await applyMessageChange({ ...deps, logger: log, retryDelaysMs: WRITE_RETRY_DELAYS_MS }, parsed.data);
    } catch (err) {
      log.warn({ event_id: meta.eventId, channel: parsed.data.channel, retry: meta.retryNum, error: errorLine(err) }, 'message change not recorded; left unacknowledged so Slack sends it again');
      throw new EventNotRecordedError(meta.eventId, errorLine(err), { cause: err });
    }
  }

  async function routeOf(event: MessageEvent, lastTry: boolean): Promise<{ route: Route; channelName: string | undefined }> {
    const isThreadReply = event.thread_ts !== undefined && event.thread_ts !== event.ts;
    const [channel, threadAgents] = await Promise.all([
      channelOf(event, lastTry),
      isThreadReply ? withRetries(() => deps.store.threadAgents(event.channel, event.thread_ts!), WRITE_RETRY_DELAYS_MS) : Promise.resolve([]),
    ]);
    const route = resolveTargets({
      text: event.text ?? '',
      channelName: channel.name,
      channelType: channel.type,
      isThreadReply,
      threadAgents,
      mainBotUserId: deps.identities.main.userId,
      agentByUserId: deps.identities.agentByUserId,
      department: deps.department,
    });
    return { route, channelName: channel.name };
  }

  /**
   * app_mention events carry no channel_type: the directory supplies it (and the name for home
   * channels). A lookup slower than its budget keeps running and is cached for Slack's retry; only
   * on Slack's last try is the message routed without the name.
   */
  async function channelOf(event: MessageEvent, lastTry: boolean): Promise<{ name?: string | undefined; type: ChannelType }> {
    if (event.channel_type === 'im') return { type: 'im' };
    const lookup = await settleWithin(deps.channels.lookup(event.channel), CHANNEL_LOOKUP_BUDGET_MS);
    if (lookup.status === 'late' && !lastTry) throw new Error(`conversations.info for ${event.channel} took over ${CHANNEL_LOOKUP_BUDGET_MS} ms`);
    if (lookup.status === 'late') log.warn({ channel: event.channel }, 'conversations.info is still slow on Slack\'s last try: routing without the channel name');
    const info: ChannelInfo = lookup.status === 'done' ? lookup.value : { type: 'unknown' };
    const type = event.channel_type ?? (info.type === 'unknown' ? (event.channel.startsWith('D') ? 'im' : 'channel') : info.type);
    return { name: info.name, type };
  }

  /** A message for no agent: thread history where the department takes part (see mirrorStatement), else nothing. */
  async function keepAsHistory(event: MessageEvent, user: string, threadTs: string, route: Route, channelName: string | undefined, meta: EventMeta): Promise<IngestOutcome> {
    const kept = await withRetries(
      () =>
        deps.store.mirrorHumanMessage({
          channelId: event.channel,
          threadTs,
          ts: event.ts,
          slackUserId: user,
          text: storedText(event.text ?? '', deps),
          eventId: meta.eventId === undefined ? null : storableText(meta.eventId),
          departmentChannel: channelName !== undefined && ownChannels.has(channelName),
        }),
      WRITE_RETRY_DELAYS_MS,
    );
    return kept ? { status: 'history', route } : { status: 'no_target', route };
  }

  async function store(event: MessageEvent, user: string, threadTs: string, route: Route, meta: EventMeta): Promise<IngestOutcome> {
    const text = storedText(event.text ?? '', deps);
    const protocol: ProtocolMessage = {
      id: newId('msg'),
      from: humanSender(user),
      to: route.targets,
      type: 'request',
      priority: 'normal',
      context: { channel: event.channel, thread_ts: threadTs, related_messages: [] },
      content: { body: text },
      required_response: true,
    };
    // Safe to repeat: if an attempt committed but its answer was lost, the next finds the event_id
    // (a duplicate, not published here) and the sweeper publishes the pending deliveries.
    const result = await withRetries(
      () =>
        deps.store.ingestHumanMessage({
          eventId: meta.eventId === undefined ? null : storableText(meta.eventId),
          eventType: meta.eventType,
          teamId: meta.teamId === undefined ? undefined : storableText(meta.teamId),
          channelId: event.channel,
          threadTs,
          ts: event.ts,
          slackUserId: user,
          text,
          targets: route.targets,
          protocol,
        }),
      WRITE_RETRY_DELAYS_MS,
    );
    if (result.duplicate) return { status: 'duplicate', route };
    // Recorded is what the ack promises; publishing is not waited for (if the bus is down, the sweeper publishes).
    deps.bus.publish(result.deliveryIds).catch((err: unknown) => {
      log.warn({ event_id: meta.eventId, deliveries: result.deliveryIds, error: errorLine(err) }, 'bus publish failed; the sweeper will retry');
    });
    return { status: 'stored', route, messageId: result.messageId, deliveryIds: result.deliveryIds };
  }

  return { handleMessageEvent };
}

function elapsed(started: number): number {
  return Math.round(performance.now() - started);
}
