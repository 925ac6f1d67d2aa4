import type { Logger } from 'pino';
import { errorLine } from '../lib/error-line.js';
import type { WebClient } from './web-client.js';

export interface ChannelIds {
  /** The id of a channel by its name (without #); null when the app cannot see one of that name. */
  idOf(name: string): Promise<string | null>;
}

const KNOWN_FOR_MS = 10 * 60_000;
/** A name not found is looked for again, but not on every card. */
const RELIST_AFTER_MS = 60_000;
const MAX_PAGES = 20;

/**
 * Channel name → id from conversations.list (public channels, and private ones the app is in),
 * listed once and kept for ten minutes: cards go to the department's channels by name
 * (manifests/department.yml), and chat.update needs the id.
 */
export function createChannelIds(client: WebClient, log: Logger, now: () => number = Date.now): ChannelIds {
  let names = new Map<string, string>();
  let listedAt = -Infinity;
  let listing: Promise<void> | null = null;

  async function list(): Promise<void> {
    const found = new Map<string, string>();
    let cursor: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const res = await client.conversations.list({ types: 'public_channel,private_channel', exclude_archived: true, limit: 1000, ...(cursor ? { cursor } : {}) });
      for (const c of res.channels ?? []) if (c.name && c.id) found.set(c.name, c.id);
      cursor = res.response_metadata?.next_cursor || undefined;
      if (!cursor) break;
    }
    names = found;
    listedAt = now();
  }

  const relist = () => {
    listing ??= list()
      .catch((err: unknown) => log.warn({ component: 'slack', error: errorLine(err) }, 'conversations.list failed: department channels are found by name (needs channels:read, groups:read)'))
      .finally(() => (listing = null));
    return listing;
  };

  return {
    async idOf(name) {
      const age = now() - listedAt;
      if (age > KNOWN_FOR_MS || (!names.has(name) && age > RELIST_AFTER_MS)) await relist();
      return names.get(name) ?? null;
    },
  };
}
