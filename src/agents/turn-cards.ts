import type { Logger } from 'pino';
import { errorLine } from '../lib/error-line.js';
import type { CardRow, WorkStore } from '../store/work-store.js';
import { isPostFailure, type CardPost, type ThreadPoster } from './ports.js';

export interface TurnCardsContext {
  poster: ThreadPoster;
  work: Pick<WorkStore, 'reserveCard' | 'cardPosted'>;
  log: Logger;
  stillOwned: () => boolean;
  /** A re-run: a reserved card without ts may already be in Slack. */
  resuming: boolean;
}

export interface TurnCardsResult {
  /** Cards Slack refused for good (no such channel, no access): the thread is told. */
  refused: { card: CardRow; error: unknown }[];
  /** A failure worth trying again later (rate limit, Slack away): the turn is handed back. */
  failure?: unknown;
  handedBack?: boolean;
}

const postOf = (c: CardRow): CardPost => ({ cardId: c.id, kind: c.kind, refId: c.refId, agentId: c.agentId, channel: c.channel, threadTs: c.threadTs });

/**
 * Posts a turn's cards after its messages, each exactly once, as postTurnMessages does: reserved
 * before the call, its place recorded right after, and on a re-run a reserved card is looked up
 * in Slack before it is posted again.
 */
export async function postTurnCards(ctx: TurnCardsContext, cards: CardRow[]): Promise<TurnCardsResult> {
  const refused: TurnCardsResult['refused'] = [];
  for (const card of cards) {
    if (card.ts) continue;
    if (!ctx.stillOwned()) return { refused, handedBack: true };
    try {
      if (ctx.resuming && card.postStartedAt && (await lookUp(ctx, card))) continue;
      await ctx.work.reserveCard(card.id);
      const where = await ctx.poster.postCard(postOf(card));
      await ctx.work.cardPosted(card.id, where);
    } catch (error) {
      if (isPostFailure(error) && !error.transient) {
        ctx.log.warn({ card: card.id, channel: card.channel, error: errorLine(error) }, 'card could not be posted');
        refused.push({ card, error });
        continue;
      }
      return { refused, failure: error };
    }
  }
  return { refused };
}

async function lookUp(ctx: TurnCardsContext, card: CardRow): Promise<boolean> {
  try {
    const found = await ctx.poster.findCard({ ...postOf(card), since: card.postStartedAt! });
    if (!found) return false;
    await ctx.work.cardPosted(card.id, found);
    ctx.log.info({ card: card.id, ts: found.ts }, 'resumed turn: card was already posted; not posting it again');
    return true;
  } catch (err) {
    ctx.log.warn({ card: card.id, error: errorLine(err) }, 'resumed turn: could not look for a card whose post was cut short; posting it again, it may appear twice');
    return false;
  }
}
