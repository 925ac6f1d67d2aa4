import type { PublicationRow } from '../store/publication-store.js';

/** Where a publication is announced: the department's published channel (src/slack/publication-announcer.ts). */
export interface Announcer {
  /** The channel as people know it: "#marketing-published". */
  readonly channel: string;
  /** Posts the announcement; throws when Slack did not take it (a PostFailure, `refused` when it is certainly not there). */
  announce(publication: PublicationRow): Promise<{ channelId: string; ts: string }>;
  /** The publication's announcement already in the channel since `since` (a post cut short by a crash), or null; throws when it cannot look. */
  find(publication: PublicationRow, since: Date): Promise<{ channelId: string; ts: string } | null>;
}
