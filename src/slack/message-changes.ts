import type { Logger } from 'pino';
import type { Department } from '../department/schema.js';
import { withRetries } from '../lib/retry.js';
import type { Store } from '../store/store.js';
import type { Identities } from './identities.js';
import type { MessageChangeEvent } from './message-event.js';
import { storedText } from './stored-text.js';

export interface MessageChangeDeps {
  store: Pick<Store, 'applyMessageChange'>;
  identities: Pick<Identities, 'main' | 'agentByUserId'>;
  department: Department;
  logger: Logger;
  retryDelaysMs: readonly number[];
}

export type ChangeOutcome = { status: 'edited' | 'deleted'; applied: boolean };

/**
 * Keeps the stored thread what Slack shows: an edit replaces a person's text, a deletion takes the
 * message out of the history. Neither asks an agent anything (Slack sends no app_mention for an
 * edit either), so no delivery is written. A message the department never stored is left alone.
 */
export async function applyMessageChange(deps: MessageChangeDeps, event: MessageChangeEvent): Promise<ChangeOutcome> {
  const change =
    event.subtype === 'message_deleted'
      ? { kind: 'deleted' as const, channelId: event.channel, ts: event.deleted_ts }
      : event.message.subtype === 'tombstone'
        ? { kind: 'deleted' as const, channelId: event.channel, ts: event.message.ts }
        : { kind: 'edited' as const, channelId: event.channel, ts: event.message.ts, text: storedText(event.message.text ?? '', deps) };
  const applied = await withRetries(() => deps.store.applyMessageChange(change), deps.retryDelaysMs);
  deps.logger.info({ channel: change.channelId, ts: change.ts, change: change.kind, applied }, 'slack message changed');
  return { status: change.kind, applied };
}
