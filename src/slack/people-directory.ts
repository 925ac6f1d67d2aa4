import type { Logger } from 'pino';
import { settleWithin } from '../lib/settle-within.js';
import { slackErrorCode, type WebClient } from './web-client.js';

export interface PeopleDirectory {
  /** Display names by Slack user id; ids not (yet) known are left out. Never throws. */
  names(userIds: string[]): Promise<Map<string, string>>;
}

const KNOWN_FOR_MS = 60 * 60_000; // people rarely rename themselves; an hour-old name will do
const RETRY_FAILED_AFTER_MS = 5 * 60_000;
/** An agent turn waits this long at most for names it has not cached: it can go on with <@U…>. */
export const NAME_LOOKUP_BUDGET_MS = 1_500;

/**
 * Slack user id → the name people know them by, from users.info (users:read) once per person per
 * process, cached; concurrent lookups of one person share the call. A failure is logged and
 * remembered a while, so a missing scope costs one call per person, not one per turn.
 */
export function createPeopleDirectory(client: WebClient, log: Logger, now: () => number = Date.now): PeopleDirectory {
  const cache = new Map<string, Entry>();

  function lookup(userId: string): Entry {
    const hit = cache.get(userId);
    if (hit && hit.until > now()) return hit;
    const entry: Entry = { name: fetchName(userId), until: now() + KNOWN_FOR_MS, waitUntil: now() + NAME_LOOKUP_BUDGET_MS };
    void entry.name.then((name) => {
      if (name === undefined) entry.until = now() + RETRY_FAILED_AFTER_MS;
    });
    cache.set(userId, entry);
    return entry;
  }

  async function fetchName(userId: string): Promise<string | undefined> {
    try {
      const { user } = await client.users.info({ user: userId });
      const name = user?.profile?.display_name || user?.profile?.real_name || user?.real_name || user?.name;
      return name ? name.replace(/\s+/g, ' ').trim() : undefined;
    } catch (err) {
      log.warn({ component: 'slack', user: userId, error: slackErrorCode(err) ?? (err as Error).message }, 'users.info failed: agents see this person as <@id> (names need users:read)');
      return undefined;
    }
  }

  return {
    async names(userIds) {
      const ids = [...new Set(userIds)];
      // A lookup is waited for within its budget from when it started, so a slow users.info delays one turn, not every turn behind it.
      const settled = await Promise.all(
        ids.map((id) => {
          const entry = lookup(id);
          return settleWithin(entry.name, Math.max(entry.waitUntil - now(), 0));
        }),
      );
      const out = new Map<string, string>();
      settled.forEach((s, i) => {
        if (s.status === 'done' && s.value) out.set(ids[i]!, s.value);
      });
      return out;
    },
  };
}

interface Entry {
  name: Promise<string | undefined>;
  until: number;
  /** Turns wait for this lookup until then at most. */
  waitUntil: number;
}
