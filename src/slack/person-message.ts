import { DEPT_EVENT_TYPE } from '../protocol/message.js';
import type { Identities } from './identities.js';

/** Subtypes that are still a person saying something new; every other subtype is an edit, a join, a bot… */
export const HUMAN_SUBTYPES = new Set(['thread_broadcast', 'file_share']);

/** The fields of a Slack message (event or conversations.replies item) that say who wrote it. */
export interface Authored {
  subtype?: string | undefined;
  user?: string | undefined;
  bot_id?: string | undefined;
  metadata?: { event_type?: string | undefined } | undefined;
}

/** Why a message is not a person saying something (undefined when it is): only people's words become work or history. */
export function notFromAPerson(m: Authored, identities: Pick<Identities, 'isOurBot'>): string | undefined {
  if (m.subtype && !HUMAN_SUBTYPES.has(m.subtype)) return `subtype ${m.subtype}`;
  // Our own posts come back as events: agent-to-agent work goes through the bus, never through these echoes.
  if (m.metadata?.event_type === DEPT_EVENT_TYPE) return 'our protocol message';
  if (identities.isOurBot(m.bot_id) || identities.isOurBot(m.user)) return 'our bot';
  if (m.bot_id) return 'another app\'s bot'; // agents answer people, not other integrations
  if (!m.user) return 'no user';
  return undefined;
}
