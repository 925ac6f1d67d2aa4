import { createHash } from 'node:crypto';
import { and, eq, lt, sql } from 'drizzle-orm';
import type { ThreadPoster } from '../agents/ports.js';
import type { Bus } from '../bus/bus.js';
import type { MessageType, ProtocolMessage } from '../protocol/message.js';
import type { Db } from '../store/database.js';
import { deliveries, messages } from '../store/schema.js';
import type { Store } from '../store/store.js';

/**
 * A released delivery still pending this long after its publish was not seen by any worker: a
 * step that runs again publishes it again (no sooner, so a quick re-run does not queue it twice).
 */
const STRANDED_AFTER_MS = 10_000;

/** An id derived from what it is for: a step that runs again finds its own rows instead of adding new ones. */
export const stableId = (prefix: string, key: string) => `${prefix}_${createHash('sha256').update(key).digest('hex').slice(0, 32)}`;

/** The message id of the run's post under `key` (known before it is posted). */
export const workflowMessageId = (runId: string, key: string) => stableId('msg', `${runId}:${key}`);

/** The delivery that asks `agentId` to act on the run's post under `key` (known before it is posted). */
export const workflowDeliveryId = (runId: string, key: string, agentId: string) => stableId('dlv', `${workflowMessageId(runId, key)}:${agentId}`);

export interface WorkflowPost {
  /** Names the effect: the same run and key is the same post. */
  runId: string;
  key: string;
  conversationId: string;
  channelId: string;
  threadTs: string;
  agentId: string;
  text: string;
  /** Agents asked to act on it: each gets a delivery once the post is in the thread. */
  mentions: string[];
  type: MessageType;
  subject?: string;
}

export interface WorkflowPostDeps {
  db: Db;
  store: Pick<Store, 'markPostedAndReserve' | 'stampMessage'>;
  poster: ThreadPoster;
  bus: Pick<Bus, 'publish'>;
}

/**
 * A workflow's post under an agent's identity, exactly once however often its step runs: the
 * message and its deliveries have ids derived from (run, key); a post already in the thread is
 * not posted again (one whose post was cut short is looked up by its protocol id first); the
 * deliveries are released once it is in the thread. Returns the delivery of each mentioned agent.
 */
export async function postOnce(deps: WorkflowPostDeps, p: WorkflowPost): Promise<{ messageId: string; ts: string; deliveryIds: Record<string, string> }> {
  const messageId = workflowMessageId(p.runId, p.key);
  const asked = p.mentions.map((agentId) => ({ id: workflowDeliveryId(p.runId, p.key, agentId), agent_id: agentId }));
  const protocol: ProtocolMessage = {
    id: messageId,
    from: p.agentId,
    to: p.mentions,
    type: p.type,
    priority: 'normal',
    context: { channel: p.channelId, thread_ts: p.threadTs, related_messages: [] },
    content: { ...(p.subject ? { subject: p.subject } : {}), body: p.text },
    required_response: p.mentions.length > 0,
  };
  await deps.db.execute(sql`
    with m as (
      insert into messages (id, conversation_id, channel_id, author_kind, author_id, to_agents, type, text, protocol)
      values (${messageId}, ${p.conversationId}, ${p.channelId}, 'agent', ${p.agentId}, ${`{${p.mentions.join(',')}}`}::text[], ${p.type}, ${p.text}, ${JSON.stringify(protocol)}::jsonb)
      on conflict (id) do nothing
      returning id
    )
    insert into deliveries (id, message_id, conversation_id, agent_id, status)
    select d.id, ${messageId}, ${p.conversationId}, d.agent_id, 'held'
    from m, jsonb_to_recordset(${JSON.stringify(asked)}::jsonb) as d(id text, agent_id text)
    on conflict do nothing`);
  const [row] = await deps.db.select({ ts: messages.ts, postStartedAt: messages.postStartedAt }).from(messages).where(eq(messages.id, messageId));
  let ts = row?.ts ?? null;
  if (!ts) {
    if (row?.postStartedAt) {
      ts = (await deps.poster.findPosted({ channelId: p.channelId, threadTs: p.threadTs, messageId, since: row.postStartedAt }).catch(() => null))?.ts ?? null;
    }
    if (!ts) {
      await deps.store.markPostedAndReserve(null, messageId);
      ts = (await deps.poster.postAsAgent({ agentId: p.agentId, channelId: p.channelId, threadTs: p.threadTs, text: p.text, mentions: p.mentions, protocol, rehearsal: false })).ts;
    }
    await deps.store.stampMessage(messageId, ts);
  }
  const released = await deps.db
    .update(deliveries)
    .set({ status: 'pending', publishedAt: sql`now()` })
    .where(and(eq(deliveries.messageId, messageId), eq(deliveries.status, 'held')))
    .returning({ id: deliveries.id });
  // Released by an earlier run of the step long ago and still not taken: that driver may have died
  // between the release and the bus, so it is published again (a second bus entry finds it taken).
  const stranded =
    released.length > 0
      ? []
      : await deps.db
          .select({ id: deliveries.id })
          .from(deliveries)
          .where(and(eq(deliveries.messageId, messageId), eq(deliveries.status, 'pending'), lt(deliveries.publishedAt, sql`now() - make_interval(secs => ${STRANDED_AFTER_MS / 1000})`)));
  const publish = [...released, ...stranded].map((r) => r.id);
  // Published now, or by the sweeper if the bus is away.
  if (publish.length > 0) await deps.bus.publish(publish).catch(() => {});
  return { messageId, ts, deliveryIds: Object.fromEntries(asked.map((a) => [a.agent_id, a.id])) };
}
