import type { AgentPost, CardPost, ThreadPoster } from '../../src/agents/ports.js';

/** Shared by every poster in a test file: Slack ts are unique per channel. */
let clock = 1_700_000_000;

/** A ThreadPoster that records what agents would have posted, with Slack-like increasing ts. */
export class RecordingPoster implements ThreadPoster {
  readonly posts: AgentPost[] = [];
  readonly notices: { channelId: string; threadTs: string; text: string }[] = [];
  failWith: Error | null = null;
  /** Fails only the next n posts, then posts again (a passing fault). */
  failNext: { error: Error; times: number } | null = null;
  readonly lookups: string[] = [];
  readonly cards: (CardPost & { ts: string })[] = [];
  /** Fails the next n card posts (a passing fault unless the error says otherwise). */
  failCards: { error: Error; times: number } | null = null;
  private readonly tsById = new Map<string, string>();

  async postAsAgent(post: AgentPost) {
    if (this.failWith) throw this.failWith;
    if (this.failNext && this.failNext.times > 0) {
      this.failNext.times--;
      throw this.failNext.error;
    }
    this.posts.push(post);
    const ts = this.nextTs();
    this.tsById.set(post.protocol.id, ts);
    return { ts };
  }

  async findPosted(query: { messageId: string }) {
    this.lookups.push(query.messageId);
    const ts = this.tsById.get(query.messageId);
    return ts ? { ts } : null;
  }

  async postCard(card: CardPost) {
    if (this.failCards && this.failCards.times > 0) {
      this.failCards.times--;
      throw this.failCards.error;
    }
    const ts = this.nextTs();
    this.cards.push({ ...card, ts });
    this.tsById.set(card.cardId, ts);
    return { channelId: card.channel, ts };
  }

  async findCard(card: CardPost) {
    this.lookups.push(card.cardId);
    const ts = this.tsById.get(card.cardId);
    return ts ? { channelId: card.channel, ts } : null;
  }

  readonly refreshed: string[] = [];
  readonly updates: { agentId: string; ts: string; text: string }[] = [];
  readonly threads: { agentId: string; channel: string; text: string; ts: string; key?: string }[] = [];
  async startThread(post: { agentId: string; channel: string; text: string; unlessIn?: string; key?: string }) {
    if (post.channel === post.unlessIn) return null;
    const ts = this.nextTs();
    this.threads.push({ ...post, ts });
    return { channelId: post.channel, ts };
  }

  readonly threadLookups: string[] = [];
  async findThread(q: { channel: string; key: string }) {
    this.threadLookups.push(q.key);
    const found = this.threads.find((t) => t.channel === q.channel && t.key === q.key);
    return found ? { channelId: found.channel, ts: found.ts } : null;
  }

  async updateAgentMessage(update: { agentId: string; channelId: string; ts: string; text: string }) {
    this.updates.push(update);
  }

  async refreshCard(card: { refId: string; ts: string }) {
    this.refreshed.push(`${card.refId}@${card.ts}`);
  }

  async postNotice(notice: { channelId: string; threadTs: string; text: string }) {
    this.notices.push(notice);
    return { ts: this.nextTs() };
  }

  private nextTs() {
    return `${++clock}.000100`;
  }
}
