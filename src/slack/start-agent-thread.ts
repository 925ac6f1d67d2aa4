import type { Logger } from 'pino';
import type { Bus } from '../bus/bus.js';
import type { Department } from '../department/schema.js';
import { storableText } from '../lib/storable-text.js';
import { humanSender } from '../protocol/message.js';
import { newId } from '../store/ids.js';
import type { HumanMessageInput, Store } from '../store/store.js';
import { errorLine } from '../lib/error-line.js';
import type { Identities } from './identities.js';
import { WRITE_RETRY_DELAYS_MS } from './ingest.js';
import { withRetries } from '../lib/retry.js';
import { cutText, literalText } from './text.js';

export interface AgentThreadRequest {
  agentId: string;
  userId: string;
  /** The channel the person asked from; a DM with the person when the app cannot post there. */
  channelId: string;
  question: string;
}

export type AgentThreadResult = { ok: true; channelId: string; ts: string } | { ok: false; error: string };

/**
 * Starts a thread with an agent on a person's behalf (the /dept Ask modal, `/dept <handle> …`):
 * the app posts the question as the thread's root, then it is recorded and delivered exactly as a
 * person's message in Slack would be.
 */
export function createAgentThreads(deps: {
  store: Pick<Store, 'ingestHumanMessage'>;
  bus: Pick<Bus, 'publish'>;
  department: Department;
  identities: Pick<Identities, 'main'>;
  logger: Logger;
}) {
  const client = deps.identities.main.client;
  const log = deps.logger.child({ component: 'agent-threads' });

  async function postRoot(channel: string, text: string): Promise<{ channel: string; ts: string }> {
    const res = await client.chat.postMessage({ channel, text, unfurl_links: false });
    return { channel: res.channel ?? channel, ts: res.ts! };
  }

  async function start(req: AgentThreadRequest): Promise<AgentThreadResult> {
    const agent = deps.department.byId.get(req.agentId);
    if (!agent) return { ok: false, error: `There is no agent "${req.agentId}" in the department. Run /dept to see who is.` };
    // Stored as sent: NUL and lone surrogates (also one a cut may leave) become U+FFFD, never a refusal.
    const question = storableText(cutText(req.question.trim(), deps.department.file.limits.max_message_chars));
    const userId = storableText(req.userId);
    if (!question) return { ok: false, error: `Write what you would like to ask ${agent.name}.` };
    const text = `<@${userId}> asked *${agent.name}*:\n${literalText(question)}`;
    let root: { channel: string; ts: string };
    try {
      root = await postRoot(req.channelId, text);
    } catch (err) {
      // A DM between people or a private channel without the app: open the person's DM with the app instead.
      log.info({ channel: req.channelId, error: errorLine(err) }, 'cannot post where /dept was used; using a DM');
      try {
        const dm = await client.conversations.open({ users: userId });
        root = await postRoot(dm.channel!.id!, text);
      } catch (dmErr) {
        return { ok: false, error: `I could not start a thread: ${(dmErr as Error).message}` };
      }
    }
    const input: HumanMessageInput = {
      eventId: null,
      eventType: 'dept_ask',
      channelId: root.channel,
      threadTs: root.ts,
      ts: root.ts,
      slackUserId: userId,
      text: question,
      targets: [agent.id],
      protocol: {
        id: newId('msg'),
        from: humanSender(userId),
        to: [agent.id],
        type: 'request',
        priority: 'normal',
        context: { channel: root.channel, thread_ts: root.ts, related_messages: [] },
        content: { body: question },
        required_response: true,
      },
    };
    let deliveryIds: string[] = [];
    try {
      // Safe to repeat: the root's (channel, ts) is unique, so after an attempt that did commit the next is a duplicate.
      const result = await withRetries(() => deps.store.ingestHumanMessage(input), WRITE_RETRY_DELAYS_MS);
      if (!result.duplicate) deliveryIds = result.deliveryIds;
    } catch (err) {
      log.error({ agent: agent.id, user: userId, channel: root.channel, thread: root.ts, error: errorLine(err) }, 'question posted but not recorded');
      return { ok: false, error: `I posted your question but could not hand it to ${agent.name} (the database did not answer). Please ask again in a minute.` };
    }
    // Recorded is what matters: if the bus is down, the sweeper publishes the delivery later.
    await deps.bus.publish(deliveryIds).catch((err: unknown) => log.warn({ error: errorLine(err) }, 'publish failed; the sweeper will deliver'));
    log.info({ agent: agent.id, user: userId, channel: root.channel, thread: root.ts }, 'thread started for a person');
    return { ok: true, channelId: root.channel, ts: root.ts };
  }

  return { start };
}

export type AgentThreads = ReturnType<typeof createAgentThreads>;
