import type { Logger } from 'pino';
import type { Bus } from '../bus/bus.js';
import type { Department } from '../department/schema.js';
import { DEPT_EVENT_TYPE, humanSender, type ProtocolMessage } from '../protocol/message.js';
import { newId } from '../store/ids.js';
import type { Store } from '../store/store.js';
import type { ChannelDirectory } from './channel-directory.js';
import type { Identities } from './identities.js';
import { HUMAN_SUBTYPES, messageEventSchema, type MessageEvent } from './message-event.js';
import { resolveTargets, type ChannelType, type Route } from './routing.js';
import { cutText, textForModel } from './text.js';

export interface IngestDeps {
  store: Pick<Store, 'ingestHumanMessage' | 'threadAgents'>;
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
  retryNum?: number | undefined;
}

export type IngestOutcome =
  | { status: 'dropped'; why: string }
  | { status: 'no_target'; route: Route }
  | { status: 'duplicate'; route: Route }
  | { status: 'stored'; route: Route; messageId: string; deliveryIds: string[] }
  | { status: 'failed'; error: string };

export interface Ingest {
  handleMessageEvent(event: unknown, meta: EventMeta): Promise<IngestOutcome>;
}

/**
 * Turns a person's Slack message into stored work: route it, then in one transaction record the
 * event, mirror the message and write a delivery per target agent; then publish the deliveries.
 * Runs after Bolt has acked, so it never throws: failures are logged with the event they lost.
 */
export function createIngest(deps: IngestDeps): Ingest {
  const log = deps.logger.child({ component: 'slack-ingest' });

  async function handleMessageEvent(raw: unknown, meta: EventMeta): Promise<IngestOutcome> {
    const started = performance.now();
    const parsed = messageEventSchema.safeParse(raw);
    if (!parsed.success) {
      log.warn({ event_id: meta.eventId, type: meta.eventType, problem: parsed.error.issues[0]?.message }, 'dropped a malformed message event');
      return { status: 'dropped', why: 'malformed' };
    }
    const event = parsed.data;
    const why = notFromAPerson(event);
    if (why) {
      log.debug({ event_id: meta.eventId, type: meta.eventType, channel: event.channel, subtype: event.subtype, why }, 'message event ignored');
      return { status: 'dropped', why };
    }
    const user = event.user!;
    const threadTs = event.thread_ts ?? event.ts;
    const line = { event_id: meta.eventId, type: meta.eventType, channel: event.channel, thread: threadTs, user, retry: meta.retryNum };
    try {
      const route = await routeOf(event);
      const outcome = route.targets.length === 0 ? ({ status: 'no_target', route } as const) : await store(event, user, threadTs, route, meta);
      log.info(
        { ...line, targets: route.targets, reason: route.reason, duplicate: outcome.status === 'duplicate', ms: elapsed(started) },
        'slack message',
      );
      return outcome;
    } catch (err) {
      log.error({ ...line, error: (err as Error).message, ms: elapsed(started) }, 'slack message could not be recorded; it will not be answered');
      await askToResend(event, user, threadTs);
      return { status: 'failed', error: (err as Error).message };
    }
  }

  /** Slack will not retry an event we acked, so the person is the only one who can: tell them, privately. */
  async function askToResend(event: MessageEvent, user: string, threadTs: string): Promise<void> {
    try {
      await deps.identities.main.client.chat.postEphemeral({
        channel: event.channel,
        user,
        ...(threadTs !== event.ts ? { thread_ts: threadTs } : {}),
        text: ':warning: The department could not take your message just now (its database did not answer), so no agent will see it. Please send it again in a minute.',
      });
    } catch (err) {
      log.error({ channel: event.channel, user, error: (err as Error).message }, 'could not tell the person their message was not taken');
    }
  }

  function notFromAPerson(event: MessageEvent): string | undefined {
    if (event.subtype && !HUMAN_SUBTYPES.has(event.subtype)) return `subtype ${event.subtype}`;
    // Our own posts come back as events: agent-to-agent work goes through the bus, never through these echoes.
    if (event.metadata?.event_type === DEPT_EVENT_TYPE) return 'our protocol message';
    if (deps.identities.isOurBot(event.bot_id) || deps.identities.isOurBot(event.user)) return 'our bot';
    if (event.bot_id) return 'another app\'s bot'; // agents answer people, not other integrations
    if (!event.user) return 'no user';
    return undefined;
  }

  async function routeOf(event: MessageEvent): Promise<Route> {
    const isThreadReply = event.thread_ts !== undefined && event.thread_ts !== event.ts;
    const [channel, threadAgents] = await Promise.all([
      channelOf(event),
      isThreadReply ? deps.store.threadAgents(event.channel, event.thread_ts!) : Promise.resolve([]),
    ]);
    return resolveTargets({
      text: event.text ?? '',
      channelName: channel.name,
      channelType: channel.type,
      isThreadReply,
      threadAgents,
      mainBotUserId: deps.identities.main.userId,
      agentByUserId: deps.identities.agentByUserId,
      department: deps.department,
    });
  }

  /** app_mention events carry no channel_type: the directory supplies it (and the name for home channels). */
  async function channelOf(event: MessageEvent): Promise<{ name?: string | undefined; type: ChannelType }> {
    if (event.channel_type === 'im') return { type: 'im' };
    const info = await deps.channels.lookup(event.channel);
    const type = event.channel_type ?? (info.type === 'unknown' ? (event.channel.startsWith('D') ? 'im' : 'channel') : info.type);
    return { name: info.name, type };
  }

  async function store(event: MessageEvent, user: string, threadTs: string, route: Route, meta: EventMeta): Promise<IngestOutcome> {
    const text = cutText(
      textForModel(event.text ?? '', { mainBotUserId: deps.identities.main.userId, agentByUserId: deps.identities.agentByUserId, department: deps.department }),
      deps.department.file.limits.max_message_chars,
    );
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
    const result = await deps.store.ingestHumanMessage({
      eventId: meta.eventId ?? null,
      eventType: meta.eventType,
      teamId: meta.teamId,
      channelId: event.channel,
      threadTs,
      ts: event.ts,
      slackUserId: user,
      text,
      targets: route.targets,
      protocol,
    });
    if (result.duplicate) return { status: 'duplicate', route };
    try {
      await deps.bus.publish(result.deliveryIds);
    } catch (err) {
      // The deliveries are in Postgres: the sweeper publishes them again, so this is late, not lost.
      log.warn({ event_id: meta.eventId, deliveries: result.deliveryIds, error: (err as Error).message }, 'bus publish failed; the sweeper will retry');
    }
    return { status: 'stored', route, messageId: result.messageId, deliveryIds: result.deliveryIds };
  }

  return { handleMessageEvent };
}

function elapsed(started: number): number {
  return Math.round(performance.now() - started);
}
