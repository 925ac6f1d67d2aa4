import { and, asc, desc, eq, getTableColumns, inArray, isNull, lt, lte, or, sql } from 'drizzle-orm';
import { rowsOf } from './rows.js';
import type { TurnWork } from './turn-work-statements.js';
import type { ProtocolMessage } from '../protocol/message.js';
import type { Db } from './database.js';
import { newId } from './ids.js';
import { executeNamed } from './prepared.js';
import {
  claimHistoryFetchStatement,
  historyFetchStateStatement,
  recordFetchedHistoryStatement,
  releaseHistoryFetchStatement,
  type FetchedMessage,
} from './history-fetch-statements.js';
import { ingestStatement, pgTextArray } from './ingest-statement.js';
import { deleteStatement, editStatement, mirrorStatement, type MirrorInput } from './mirror-statements.js';
import { completeTurnStatement, recordTurnStatement, releaseTurnStatement, reservationCtes, reservedNow, type TurnBudgetInput } from './turn-statements.js';
import { conversations, deliveries, llmCalls, messages, spendDays } from './schema.js';

export type ConversationRow = typeof conversations.$inferSelect;
export type MessageRow = typeof messages.$inferSelect;
export type DeliveryRow = typeof deliveries.$inferSelect;
export type LlmCallInput = Omit<typeof llmCalls.$inferInsert, 'id' | 'createdAt'>;

export interface HumanMessageInput {
  /** Slack's event_id; null for sources without one (slash commands, modals). */
  eventId: string | null;
  eventType: string;
  teamId?: string | undefined;
  channelId: string;
  /** Root ts of the thread (the message's own ts when it starts one). */
  threadTs: string;
  ts: string;
  slackUserId: string;
  text: string;
  targets: string[];
  protocol?: ProtocolMessage;
}

export type IngestResult =
  | { duplicate: true }
  | { duplicate: false; conversationId: string; messageId: string; deliveryIds: string[] };

export interface TurnRecord {
  /** The delivery this turn answers, as claimed (attempts tells this claim from a later one). */
  claim: { id: string; attempts: number };
  conversationId: string;
  calls: LlmCallInput[];
  costUsd: number;
  messages: AgentMessageInput[];
  /** The department's timezone: the calls' cost goes to today's spend there. */
  timezone: string;
  /** Tasks the turn recorded (create_task, and the actions of its decisions). */
  tasks?: TurnTask[];
  /** Decisions the turn recorded (record_decision). */
  decisions?: TurnDecision[];
  /** Deliverables, approval requests, escalations, task moves and the cards they post. */
  work?: TurnWork;
}

export interface TurnTask {
  id: string;
  title: string;
  description: string;
  assignee: string;
  requester: string;
  due_date: string | null;
  decision_id: string | null;
}

export interface TurnDecision {
  id: string;
  maker: string;
  type: string;
  context: string;
  decision: string;
  reasoning: string;
  actions: { assigned_to: string; action: string; due_date?: string | undefined }[];
  approval_chain: string[];
  dissent: string | null;
}

/** Whether a turn may run, and the budget figures it was judged by (for the notice when it may not). */
/** A claimed delivery with the thread turn its claim took (or why it could not). */
export type ClaimedTurn = ClaimedDelivery & { reservation: TurnReservation };

export interface TurnReservation {
  reserved: boolean;
  turnsSinceHuman: number;
  threadSpendUsd: number;
  spentToday: number;
  agentSpentToday: number;
}

export interface CompleteTurnInput {
  deliveryId: string;
  status: 'done' | 'failed' | 'retry';
  outcome: string;
  posted: { messageId: string; ts: string }[];
  unposted: string[];
  /** Messages Slack answered with an error: certainly not in the thread. */
  refused?: string[];
  /** The turn posted nothing (declined, or stopped): its thread gets the reserved turn back. */
  releaseTurn?: boolean;
}

export interface AgentMessageInput {
  channelId: string;
  agentId: string;
  text: string;
  protocol: ProtocolMessage;
  sourceDeliveryId: string;
  /** Agents this message addresses; their deliveries wait ('held') until the post is visible. */
  targets: string[];
}

export interface ClaimedDelivery {
  delivery: DeliveryRow;
  message: MessageRow;
  conversation: ConversationRow;
  /** The thread has messages before this one (a new thread's first message needs no history read). */
  hasHistory: boolean;
  /** The thread's root message is stored: the department saw the thread from its start. */
  threadRootKnown: boolean;
}

/** Every read and write of the department's state. Each method is one statement or one transaction. */
export class Store {
  constructor(readonly db: Db) {}

  /** Records a human message: event, conversation, message and one delivery per target, atomically. */
  async ingestHumanMessage(input: HumanMessageInput): Promise<IngestResult> {
    const messageId = input.protocol?.id ?? newId('msg');
    const targets = [...new Set(input.targets)];
    const result = await executeNamed(this.db, 'ingest_human_message', ingestStatement(input, messageId, targets));
    const [row] = rowsOf<{ conversation_id: string | null; delivery_ids: string[] | string }>(result);
    if (!row?.conversation_id) return { duplicate: true };
    return { duplicate: false, conversationId: row.conversation_id, messageId, deliveryIds: parseTextArray(row.delivery_ids) };
  }

  /** A person's message for no agent, kept as history where the department takes part; false when not kept. */
  async mirrorHumanMessage(input: MirrorInput): Promise<boolean> {
    return rowsOf(await executeNamed(this.db, 'mirror_human_message', mirrorStatement(input))).length > 0;
  }

  /** A message_changed / message_deleted from Slack; false when the message is not stored. */
  async applyMessageChange(change: { kind: 'edited'; channelId: string; ts: string; text: string } | { kind: 'deleted'; channelId: string; ts: string }): Promise<boolean> {
    const statement = change.kind === 'edited' ? editStatement(change) : deleteStatement(change);
    return rowsOf(await this.db.execute(statement)).length > 0;
  }

  /** True for the one caller that should read the thread's earlier messages from Slack now. */
  async claimHistoryFetch(conversationId: string, leaseMs: number): Promise<boolean> {
    return rowsOf(await this.db.execute(claimHistoryFetchStatement(conversationId, leaseMs))).length > 0;
  }

  /** fetched: the earlier messages are stored; busy: a live claim is reading them. */
  async historyFetchState(conversationId: string, leaseMs: number): Promise<{ fetched: boolean; busy: boolean }> {
    const [row] = rowsOf<{ fetched: boolean; busy: boolean }>(await this.db.execute(historyFetchStateStatement(conversationId, leaseMs)));
    return { fetched: row?.fetched === true, busy: row?.busy === true };
  }

  async releaseHistoryFetch(conversationId: string): Promise<void> {
    await this.db.execute(releaseHistoryFetchStatement(conversationId));
  }

  /** Stores a thread's earlier messages read from Slack and marks it read; returns how many were new. */
  async recordFetchedHistory(input: { conversationId: string; channelId: string; messages: FetchedMessage[] }): Promise<number> {
    const [row] = rowsOf<{ stored: number }>(await this.db.execute(recordFetchedHistoryStatement(input)));
    return Number(row?.stored ?? 0);
  }

  /** Agents that posted in a thread, most recent first (routing for thread replies). */
  async threadAgents(channelId: string, threadTs: string): Promise<string[]> {
    const rows = await this.db
      .select({ agentId: messages.authorId })
      .from(messages)
      .innerJoin(conversations, eq(messages.conversationId, conversations.id))
      .where(and(eq(conversations.channelId, channelId), eq(conversations.threadTs, threadTs), eq(messages.authorKind, 'agent')))
      .groupBy(messages.authorId)
      .orderBy(desc(sql`max(${messages.seq})`));
    return rows.map((r) => r.agentId);
  }

  /**
   * Takes a delivery for this worker: a pending one, or a running one whose lease ran out (its
   * worker stopped renewing: it died). Null when another live worker has it or it is finished.
   */
  /**
   * Claims a delivery and takes one of its thread's agent turns if every budget allows
   * (reservationCtes), in one statement with the message and thread the turn reads.
   */
  async claimDelivery(id: string, leaseMs: number, budget: TurnBudgetInput): Promise<ClaimedTurn | null> {
    const claimed = this.db.$with('claimed').as(
      this.db
        .update(deliveries)
        .set({ status: 'running', attempts: sql`${deliveries.attempts} + 1`, claimedAt: new Date() })
        .where(
          and(
            eq(deliveries.id, id),
            or(
              // A delivery told to wait (retry-after) is not due yet: the sweeper hands it out when it is.
              and(eq(deliveries.status, 'pending'), or(isNull(deliveries.notBefore), lte(deliveries.notBefore, sql`now()`))),
              and(eq(deliveries.status, 'running'), lt(deliveries.claimedAt, new Date(Date.now() - leaseMs))),
            ),
          ),
        )
        .returning(),
    );
    const selection = {
      delivery: columnsOf(claimed, deliveries),
      message: messages,
      conversation: conversations,
      hasHistory: sql<boolean>`exists (select 1 from ${messages} earlier where earlier.conversation_id = ${messages.conversationId} and earlier.seq < ${messages.seq})`,
      threadRootKnown: sql<boolean>`exists (select 1 from ${messages} root where root.channel_id = ${conversations.channelId} and root.ts = ${conversations.threadTs})`,
    };
    const ctes = reservationCtes(budget);
    const one = { one: sql<number>`1` };
    const spent = this.db.$with('spent', { total: sql<number>`total`, agent: sql<number>`agent` }).as(ctes.spent);
    const taken = this.db.$with('taken', one).as(ctes.taken);
    const kept = this.db.$with('kept', one).as(ctes.kept);
    const [row] = await this.db
      .with(claimed, spent, taken, kept)
      .select({
        ...selection,
        reserved: reservedNow,
        spentToday: sql<number>`(select total from spent)`,
        agentSpentToday: sql<number>`(select agent from spent)`,
      })
      .from(claimed)
      .innerJoin(messages, eq(messages.id, claimed.messageId))
      .innerJoin(conversations, eq(conversations.id, messages.conversationId))
      // Named: planning this statement cost more than running it (see prepared.ts).
      .prepare('claim_delivery_and_turn')
      .execute();
    if (!row) return null;
    const { reserved, spentToday, agentSpentToday, ...rest } = row;
    // The conversation is read as the statement found it: the figures the budgets were judged by.
    const reservation: TurnReservation = {
      reserved,
      turnsSinceHuman: rest.conversation.agentTurnsSinceHuman,
      threadSpendUsd: rest.conversation.spendUsd,
      spentToday: Number(spentToday),
      agentSpentToday: Number(agentSpentToday),
    };
    return { ...rest, reservation };
  }

  /** The `limit` messages of a conversation written before `message`, oldest first. */
  async historyBefore(message: MessageRow, limit: number): Promise<MessageRow[]> {
    const rows = await this.db
      .select()
      .from(messages)
      .where(and(eq(messages.conversationId, message.conversationId), lt(messages.seq, message.seq), isNull(messages.deletedAt)))
      .orderBy(desc(messages.seq))
      .limit(limit);
    return rows.reverse();
  }

  /** The message that opened a conversation (kept in view when a long thread is cut). */
  async openingMessage(conversationId: string): Promise<MessageRow | undefined> {
    const [row] = await this.db
      .select()
      .from(messages)
      .where(and(eq(messages.conversationId, conversationId), isNull(messages.deletedAt)))
      .orderBy(asc(messages.seq))
      .limit(1);
    return row;
  }

  /** Messages a delivery's turn already wrote: a re-run turn posts only what is not in Slack yet. */
  async messagesFromDelivery(deliveryId: string): Promise<MessageRow[]> {
    return this.db.select().from(messages).where(eq(messages.sourceDeliveryId, deliveryId)).orderBy(asc(messages.seq));
  }

  /** Whether a turn for this delivery was already recorded (its model calls are): a re-run must not ask the model again. */
  async turnRecorded(deliveryId: string): Promise<boolean> {
    const [row] = await this.db.select({ id: llmCalls.id }).from(llmCalls).where(eq(llmCalls.deliveryId, deliveryId)).limit(1);
    return row !== undefined;
  }

  /**
   * What a finished model turn decided, in one transaction (one commit on the hot path): its model
   * calls and their cost against the thread's budget, and the outbox rows of the messages it will
   * post, each with 'held' deliveries for the agents it mentions. False (nothing written) when this
   * worker no longer owns the delivery.
   */
  async recordTurn(input: TurnRecord): Promise<boolean> {
    const [row] = rowsOf<{ owned: boolean }>(await executeNamed(this.db, 'record_turn', recordTurnStatement(input)));
    return row?.owned === true;
  }

  /**
   * Ends a turn's posting in one statement: the posted messages get their Slack ts and release
   * their held deliveries (returned, to publish); messages Slack refused lose their reservation.
   * 'retry' hands the delivery back (pending) so the bus tries again later and the unposted messages
   * keep their held deliveries; 'done' / 'failed' finish it and drop the held deliveries of messages
   * that never reached Slack.
   */
  async completeTurn(input: CompleteTurnInput): Promise<string[]> {
    // Not named: a generic plan for its any(array) lookups scans instead of using the indexes.
    const [row] = rowsOf<{ released: string[] | string }>(await this.db.execute(completeTurnStatement(input)));
    return row ? parseTextArray(row.released) : [];
  }

  /**
   * Between two posts of one turn: the one just posted gets its ts, the next is reserved, in one
   * commit, so a re-run knows exactly which posts may already be in Slack.
   */
  async markPostedAndReserve(posted: { messageId: string; ts: string } | null, next: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      if (posted) await tx.update(messages).set({ ts: posted.ts }).where(eq(messages.id, posted.messageId));
      await tx.update(messages).set({ postStartedAt: new Date() }).where(eq(messages.id, next));
    });
  }

  /** A message the department posted for a person (a card's decision): its Slack ts. */
  async stampMessage(messageId: string, ts: string): Promise<void> {
    await this.db.update(messages).set({ ts }).where(eq(messages.id, messageId));
  }

  async recordNotice(input: { conversationId: string; channelId: string; ts: string; text: string }): Promise<void> {
    await this.db
      .insert(messages)
      .values({ id: newId('msg'), ...input, authorKind: 'system', authorId: 'department', type: 'system' })
      .onConflictDoNothing();
  }

  async getConversation(id: string): Promise<ConversationRow | undefined> {
    const [row] = await this.db.select().from(conversations).where(eq(conversations.id, id));
    return row;
  }

  /** True exactly once per budget exhaustion: the caller that wins posts the notice. */
  async claimBudgetNotice(conversationId: string): Promise<boolean> {
    const rows = await this.db
      .update(conversations)
      .set({ budgetNoticeAt: new Date() })
      .where(and(eq(conversations.id, conversationId), isNull(conversations.budgetNoticeAt)))
      .returning({ id: conversations.id });
    return rows.length === 1;
  }

  async finishDelivery(id: string, status: 'done' | 'skipped' | 'failed', outcome: string): Promise<void> {
    await this.db.update(deliveries).set({ status, outcome, finishedAt: new Date() }).where(eq(deliveries.id, id));
  }

  /** Hands running deliveries back (shutdown): another worker or the sweeper takes them. */
  async releaseDeliveries(ids: string[], opts: { sweepNow: boolean; notBeforeMs?: number | undefined } = { sweepNow: true }): Promise<void> {
    if (ids.length === 0) return;
    const wait = opts.notBeforeMs ?? 0;
    await this.db
      .update(deliveries)
      // sweepNow: the next sweep takes them (shutdown); otherwise the bus's own backoff redelivers first.
      // notBeforeMs: nobody claims them before then (the model's API said when to come back).
      .set({
        status: 'pending',
        claimedAt: null,
        publishedAt: opts.sweepNow ? new Date(0) : new Date(),
        notBefore: wait > 0 ? sql`now() + make_interval(secs => ${wait / 1000})` : null,
      })
      .where(and(inArray(deliveries.id, ids), eq(deliveries.status, 'running')));
  }

  /** Gives a delivery's reserved turn back to its thread (declined, stopped, failed). */
  async releaseTurn(deliveryId: string): Promise<void> {
    await this.db.execute(releaseTurnStatement(deliveryId));
  }

  /**
   * Renews this worker's leases on its running deliveries, in one statement. Returns the ids still
   * held; a missing one was lost (another worker re-claimed it, or it was handed back).
   */
  async renewClaims(claims: { id: string; attempts: number }[]): Promise<Set<string>> {
    if (claims.length === 0) return new Set();
    const rows = await this.db.execute<{ id: string }>(sql`
      update ${deliveries} set claimed_at = now()
      from unnest(${pgTextArray(claims.map((c) => c.id))}::text[], ${pgTextArray(claims.map((c) => String(c.attempts)))}::int[]) as c(id, attempts)
      where ${deliveries.id} = c.id and ${deliveries.attempts} = c.attempts and ${deliveries.status} = 'running'
      returning ${deliveries.id} as id`);
    return new Set(rowsOf<{ id: string }>(rows).map((r) => r.id));
  }

  /**
   * Deliveries nobody is working on: pending and published more than olderThanMs ago, or running
   * on a worker whose lease ran out (leaseMs). Stamped so the next sweep skips them a while.
   */
  async takeStaleDeliveries(olderThanMs: number, leaseMs: number, limit = 500): Promise<string[]> {
    const rows = await this.db.execute<{ id: string }>(sql`
      update ${deliveries} set published_at = now()
      where id in (
        select id from ${deliveries}
        where (status = 'pending' and coalesce(published_at, created_at) < now() - make_interval(secs => ${olderThanMs / 1000})
               and (not_before is null or not_before <= now()))
           or (status = 'running' and claimed_at < now() - make_interval(secs => ${leaseMs / 1000}))
        order by created_at
        limit ${limit}
        for update skip locked)
      returning id`);
    return rowsOf<{ id: string }>(rows).map((r) => r.id);
  }

  /** Model spend per agent since midnight in the department's timezone (daily budgets). */
  async spendTodayByAgent(timezone: string): Promise<Map<string, number>> {
    const rows = await this.db
      .select({ agentId: spendDays.agentId, usd: spendDays.usd })
      .from(spendDays)
      .where(sql`${spendDays.day} = (now() at time zone ${timezone})::date`);
    return new Map(rows.map((r) => [r.agentId, Number(r.usd)]));
  }

}

/** A CTE's columns as a nested selection shaped like the table's row (selecting the CTE itself gives a record string). */
function columnsOf<T extends typeof deliveries>(cte: object, table: T): T['_']['columns'] {
  return Object.fromEntries(Object.keys(getTableColumns(table)).map((key) => [key, (cte as Record<string, unknown>)[key]])) as T['_']['columns'];
}

/** node-postgres parses text[] results; PGlite may hand back the literal. */
function parseTextArray(value: string[] | string): string[] {
  if (Array.isArray(value)) return value;
  const inner = value.replace(/^\{|\}$/g, '');
  return inner === '' ? [] : inner.split(',');
}
