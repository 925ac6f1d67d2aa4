import type { EventMeta } from '../../ingest.js';

/** The part of Bolt's event listener arguments our callbacks read (Bolt passes much more). */
export interface EventArgs {
  event: unknown;
  body: { event_id?: string; team_id?: string };
  context: { retryNum?: number | undefined; teamId?: string | undefined };
}

export function metaOf(eventType: string, { body, context }: EventArgs): EventMeta {
  return { eventId: body.event_id, teamId: body.team_id ?? context.teamId, eventType, retryNum: context.retryNum };
}
