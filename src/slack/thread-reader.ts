import type { Logger } from 'pino';
import type { ThreadMessage, ThreadReader } from '../agents/ports.js';
import type { Department } from '../department/schema.js';
import type { Identities } from './identities.js';
import type { PeopleDirectory } from './people-directory.js';
import { notFromAPerson } from './person-message.js';
import { storedText } from './stored-text.js';
import { walkReplies } from './thread-replies.js';
import { slackErrorCode } from './web-client.js';

/** A thread longer than this many pages (of REPLIES_PAGE_SIZE) is read from its start only. */
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
    const read = await walkReplies(identities.main.client, { channel: query.channelId, ts: query.threadTs }, { maxPages: REPLIES_MAX_PAGES, budgetMs: REPLIES_READ_BUDGET_MS }, (messages) => {
      for (const m of messages) if (m.ts && !notFromAPerson(m, identities)) out.push({ ts: m.ts, slackUserId: m.user!, text: storedText(m.text ?? '', this.deps) });
    });
    if (read === 'cut') {
      this.deps.logger.warn({ component: 'slack', channel: query.channelId, thread: query.threadTs, read: out.length }, 'thread longer than what could be read; its later part is not in the history');
    }
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
