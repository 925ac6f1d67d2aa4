import type { Logger } from 'pino';
import type { ChannelType } from './routing.js';
import { slackErrorCode, type WebClient } from './web-client.js';

export interface ChannelInfo {
  /** Without #; undefined for DMs and when Slack would not say. */
  name?: string | undefined;
  type: ChannelType | 'unknown';
}

export interface ChannelDirectory {
  lookup(channelId: string): Promise<ChannelInfo>;
}

const KNOWN_FOR_MS = 60 * 60_000; // renames are rare; an hour-old name is good enough for routing
const RETRY_FAILED_AFTER_MS = 60_000; // a failed lookup is tried again, but not on every message

/**
 * Channel id → name and type, from conversations.info once per channel (cached in memory; concurrent
 * lookups share one call). Failures answer "unknown" and are logged, never thrown: routing still
 * works on mentions and handles without the name. A known name that has aged is answered at once
 * while it is refreshed behind (Slack's ack waits on routing, never on a routine refresh), and a
 * failed refresh keeps it.
 */
export function createChannelDirectory(client: WebClient, log: Logger, now: () => number = Date.now): ChannelDirectory {
  const cache = new Map<string, { info: Promise<ChannelInfo>; until: number; known?: ChannelInfo }>();
  return {
    lookup(channelId) {
      const hit = cache.get(channelId);
      if (hit && hit.until > now()) return hit.info;
      return load(channelId, hit?.known);
    },
  };

  function load(channelId: string, known: ChannelInfo | undefined): Promise<ChannelInfo> {
    const entry: { info: Promise<ChannelInfo>; until: number; known?: ChannelInfo } = { info: Promise.resolve({ type: 'unknown' }), until: now() + KNOWN_FOR_MS };
    if (known) entry.known = known;
    const fetched = fetchInfo(channelId).then((info) => {
      if (info.type === 'unknown') {
        entry.until = now() + RETRY_FAILED_AFTER_MS;
        return known ?? info;
      }
      entry.known = info;
      entry.info = Promise.resolve(info);
      return info;
    });
    entry.info = known ? Promise.resolve(known) : fetched;
    cache.set(channelId, entry);
    return entry.info;
  }

  async function fetchInfo(channelId: string): Promise<ChannelInfo> {
    if (channelId.startsWith('D')) return { type: 'im' }; // DMs have no name and never a home agent
    try {
      const { channel } = await client.conversations.info({ channel: channelId });
      if (!channel) return { type: 'unknown' };
      const type: ChannelType = channel.is_im ? 'im' : channel.is_mpim ? 'mpim' : channel.is_private || channel.is_group ? 'group' : 'channel';
      return { name: channel.name, type };
    } catch (err) {
      log.warn(
        { component: 'slack', channel: channelId, error: slackErrorCode(err) ?? (err as Error).message },
        'conversations.info failed: routing this channel without its name (home channels need channels:read / groups:read)',
      );
      return { type: 'unknown' };
    }
  }
}
