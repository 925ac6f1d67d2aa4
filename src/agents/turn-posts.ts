import type { Logger } from 'pino';
import { errorLine } from '../lib/error-line.js';
import type { ProtocolMessage } from '../protocol/message.js';
import type { Store } from '../store/store.js';
import { isPostFailure, type ThreadPoster } from './ports.js';

/** A message a turn recorded and must see in the thread exactly once. */
export interface TurnPost {
  protocol: ProtocolMessage;
  text: string;
  /** Slack ts once the post is known to be in the thread. */
  ts: string | null;
  /** Set when a post of it may have reached Slack (see messages.post_started_at). */
  reservedAt: Date | null;
}

export interface TurnPostsResult {
  /** Every message of the turn now in the thread, with its ts. */
  posted: { messageId: string; ts: string }[];
  /** Messages not posted (from the first failure on). */
  unposted: string[];
  failure?: { error: unknown; refusedIds: string[] };
  /** The turn was handed back (shutdown, lost claim) while posting: the rest is left to its new owner. */
  handedBack?: boolean;
}

export interface TurnPostsContext {
  agentId: string;
  channelId: string;
  threadTs: string;
  rehearsal: boolean;
  poster: ThreadPoster;
  store: Pick<Store, 'markPostedAndReserve'>;
  log: Logger;
  stillOwned: () => boolean;
  /** A re-run of a turn whose worker stopped: reserved posts may already be in the thread. */
  resuming: boolean;
}

/**
 * Posts a turn's messages in order, each exactly once: a post is reserved (committed) before the
 * call and its ts recorded right after (with the next reservation, or when the turn completes).
 * On a re-run, a reserved message without ts may already be in Slack — its worker died between
 * the call and the record — so it is looked up in the thread by its protocol id before posting.
 */
export async function postTurnMessages(ctx: TurnPostsContext, posts: TurnPost[]): Promise<TurnPostsResult> {
  const posted: { messageId: string; ts: string }[] = [];
  let unrecorded: { messageId: string; ts: string } | null = null;
  for (const [i, p] of posts.entries()) {
    const rest = () => posts.slice(i).map((q) => q.protocol.id);
    if (!ctx.stillOwned()) return { posted, unposted: rest(), handedBack: true };
    if (p.ts) {
      posted.push({ messageId: p.protocol.id, ts: p.ts });
      continue;
    }
    try {
      if (ctx.resuming && p.reservedAt) {
        // Reserved by an earlier attempt and never recorded: maybe in Slack already.
        const found = await lookUp(ctx, p);
        if (found) {
          posted.push({ messageId: p.protocol.id, ts: found });
          continue;
        }
      }
      if (!p.reservedAt) {
        await ctx.store.markPostedAndReserve(unrecorded, p.protocol.id);
        unrecorded = null;
      }
      const { ts } = await ctx.poster.postAsAgent({
        agentId: ctx.agentId,
        channelId: ctx.channelId,
        threadTs: ctx.threadTs,
        text: p.text,
        mentions: p.protocol.to,
        protocol: p.protocol,
        rehearsal: ctx.rehearsal,
      });
      unrecorded = { messageId: p.protocol.id, ts };
      posted.push(unrecorded);
    } catch (error) {
      const refusedIds = isPostFailure(error) && error.refused ? [p.protocol.id] : [];
      return { posted, unposted: rest(), failure: { error, refusedIds } };
    }
  }
  return { posted, unposted: [] };
}

/** The message's ts if it is already in the thread; when the thread cannot be read, post anyway and say so. */
async function lookUp(ctx: TurnPostsContext, p: TurnPost): Promise<string | null> {
  try {
    const found = await ctx.poster.findPosted({ channelId: ctx.channelId, threadTs: ctx.threadTs, messageId: p.protocol.id, since: p.reservedAt! });
    if (found) ctx.log.info({ message: p.protocol.id, ts: found.ts }, 'resumed turn: message was already in the thread; not posting it again');
    return found?.ts ?? null;
  } catch (err) {
    ctx.log.warn(
      { message: p.protocol.id, channel: ctx.channelId, thread: ctx.threadTs, error: errorLine(err) },
      'resumed turn: could not check the thread for a message whose post was cut short; posting it again, it may appear twice',
    );
    return null;
  }
}
