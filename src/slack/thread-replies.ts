import type { WebClient } from './web-client.js';

type ReplyMessage = NonNullable<Awaited<ReturnType<WebClient['conversations']['replies']>>['messages']>[number];

/**
 * conversations.replies is Tier 3 for Marketplace and internal apps, but for commercially
 * distributed apps outside the Marketplace it is 1 request per minute, with limit capped (and
 * defaulted) at 15 (https://docs.slack.dev/reference/methods/conversations.replies,
 * https://docs.slack.dev/apis/web-api/rate-limits). Pages of 15 work under either; the client waits
 * out a 429's Retry-After.
 */
export const REPLIES_PAGE_SIZE = 15;

/**
 * Walks a thread page by page (with our posts' protocol metadata) until `visit` says stop, the
 * thread ends, or maxPages / budgetMs run out: 'stopped', 'end' or 'cut'. Throws what Slack threw.
 */
export async function walkReplies(
  client: WebClient,
  query: { channel: string; ts: string; oldest?: string },
  limits: { maxPages: number; budgetMs?: number },
  visit: (messages: ReplyMessage[]) => boolean | void,
): Promise<'stopped' | 'end' | 'cut'> {
  const started = Date.now();
  let cursor: string | undefined;
  for (let page = 0; page < limits.maxPages; page++) {
    if (page > 0 && limits.budgetMs !== undefined && Date.now() - started > limits.budgetMs) return 'cut';
    const res = await client.conversations.replies({
      ...query,
      limit: REPLIES_PAGE_SIZE,
      include_all_metadata: true,
      ...(cursor ? { cursor } : {}),
    });
    if (visit(res.messages ?? []) === true) return 'stopped';
    cursor = res.response_metadata?.next_cursor || undefined;
    if (!res.has_more || !cursor) return 'end';
  }
  return 'cut';
}
