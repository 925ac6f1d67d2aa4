import type { ThreadPoster } from '../agents/ports.js';
import type { ChannelPacer } from './channel-pacer.js';

/**
 * The same poster (usually the SlackGateway), with postAsAgent, postNotice and startThread waiting
 * their channel's turn. Posts to one channel from this process also go out one after another in
 * call order: a reply the WebClient retries after a 429 (it waits Retry-After) is not overtaken by
 * the next, so a standup thread reads in order. A failed post does not hold up the ones behind it.
 * Cards, updates and lookups pass straight through.
 */
export function pacedPoster(poster: ThreadPoster, pacer: ChannelPacer): ThreadPoster {
  const tails = new Map<string, Promise<unknown>>();
  function inTurn<T>(channel: string, post: () => Promise<T>): Promise<T> {
    const result = (tails.get(channel) ?? Promise.resolve()).then(() => pacer.turn(channel)).then(post);
    const tail = result.catch(() => undefined);
    tails.set(channel, tail);
    void tail.then(() => tails.get(channel) === tail && tails.delete(channel));
    return result;
  }
  return {
    postAsAgent: (post) => inTurn(post.channelId, () => poster.postAsAgent(post)),
    postNotice: (notice) => inTurn(notice.channelId, () => poster.postNotice(notice)),
    // Keyed by the channel as given ("#standup" or an id): the thread's root, then its replies by id, is at worst one short burst.
    startThread: (post) => inTurn(post.channel, () => poster.startThread(post)),
    findPosted: (query) => poster.findPosted(query),
    findThread: (query) => poster.findThread(query),
    permalink: (channelId, ts, threadTs) => poster.permalink?.(channelId, ts, threadTs) ?? null,
    postCard: (card) => poster.postCard(card),
    findCard: (card) => poster.findCard(card),
    refreshCard: (card) => poster.refreshCard(card),
    updateAgentMessage: (update) => poster.updateAgentMessage(update),
  };
}
