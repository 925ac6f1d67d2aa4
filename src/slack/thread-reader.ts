import type { Logger } from 'pino';
import type { ThreadMessage, ThreadReader } from '../agents/ports.js';
import type { Department } from '../department/schema.js';
import type { Identities } from './identities.js';
import type { PeopleDirectory } from './people-directory.js';
import { notFromAPerson } from './person-message.js';
import { storedText } from './stored-text.js';
import { slackErrorCode } from './web-client.js';

/**
 * conversations.replies is Tier 3 for Marketplace and internal apps, but for commercially
 * distributed apps outside the Marketplace it is 1 request per minute, with limit capped (and
 * defaulted) at 15 (https://docs.slack.dev/reference/methods/conversations.replies,
 * https://docs.slack.dev/apis/web-api/rate-limits). Pages of 15 work under either; the client waits
 * out a 429's Retry-After. A thread longer than this many pages is read from its start only.
 */
export const REPLIES_PAGE_SIZE = 15;
export const REPLIES_MAX_PAGES = 20;
/** No further page is asked for after this long: at one call a minute a long thread would hold its read for many minutes. */
export const REPLIES_READ_BUDGET_MS = 2 * 60_000;

export interface SlackThreadReaderDeps {
  identities: Identities;
  department: Department;
  people: PeopleDirectory;
  logger: Logger;
}

/** Reads what people said in a Slack thread, for an agent brought into a thread the department never saw. */
export class SlackThreadReader implements ThreadReader {
  constructor(private readonly deps: SlackThreadReaderDeps) {}

  async readThread(query: { channelId: string; threadTs: string }): Promise<ThreadMessage[]> {
    try {
      return await this.readPages(query);
    } catch (err) {
      throw new ThreadReadError(err);
    }
  }

  private async readPages(query: { channelId: string; threadTs: string }): Promise<ThreadMessage[]> {
    const { identities } = this.deps;
    const out: ThreadMessage[] = [];
    let cursor: string | undefined;
    const started = Date.now();
    for (let page = 0; page < REPLIES_MAX_PAGES; page++) {
      if (page > 0 && Date.now() - started > REPLIES_READ_BUDGET_MS) break;
      const res = await identities.main.client.conversations.replies({
        channel: query.channelId,
        ts: query.threadTs,
        limit: REPLIES_PAGE_SIZE,
        include_all_metadata: true, // our own posts are recognised by their protocol metadata
        ...(cursor ? { cursor } : {}),
      });
      for (const m of res.messages ?? []) {
        if (!m.ts || notFromAPerson(m, identities)) continue;
        out.push({ ts: m.ts, slackUserId: m.user!, text: storedText(m.text ?? '', this.deps) });
      }
      cursor = res.response_metadata?.next_cursor || undefined;
      if (!res.has_more || !cursor) return out;
    }
    this.deps.logger.warn({ component: 'slack', channel: query.channelId, thread: query.threadTs, read: out.length }, 'thread longer than what could be read; its later part is not in the history');
    return out;
  }

  peopleNames(userIds: string[]): Promise<Map<string, string>> {
    return this.deps.people.names(userIds);
  }
}

/** A failed read, saying whether it may pass: a rate limit, Slack trouble or the network may; a missing thread or scope will not. */
export class ThreadReadError extends Error {
  readonly transient: boolean;
  constructor(cause: unknown) {
    const code = slackErrorCode(cause);
    super(`conversations.replies failed: ${code ?? (cause as Error).message}`, { cause });
    this.transient = code === undefined || code === 'ratelimited' || code.startsWith('http_') || code === 'internal_error' || code === 'fatal_error' || code === 'service_unavailable';
  }
}
