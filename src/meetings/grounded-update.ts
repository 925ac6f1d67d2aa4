import type { newId } from '../store/ids.js';
import { isEmpty, sheetRefs, type Fact, type FactSheet } from './fact.js';

/** An update with nothing in it, for a meeting of this title (the rehearsal model's and the runner's alike). */
export const nothingToReport = (meetingTitle: string) => `Nothing to report since the last ${meetingTitle.toLowerCase()}.`;
/** An update stays quick to read: at most this many bullets a point, then how many more. */
export const MAX_BULLETS = 8;

/**
 * The offline rehearsal model's update for a meeting (its title, e.g. "Daily standup"): the three points in Slack mrkdwn, every bullet one
 * fact of the sheet citing its ref (at most MAX_BULLETS a point, then a count of the rest); an
 * empty sheet is one line.
 */
export function rehearsalUpdate(sheet: FactSheet, agentName: string, meetingTitle: string): string {
  if (isEmpty(sheet)) return nothingToReport(meetingTitle);
  const meeting = meetingTitle.toLowerCase();
  const bullets = (facts: Fact[]) => {
    const shown = facts.slice(0, facts.length > MAX_BULLETS ? MAX_BULLETS - 1 : MAX_BULLETS).map((f) => `• ${f.text} [${f.ref}]`);
    return facts.length > shown.length ? [...shown, `• …and ${facts.length - shown.length} more`] : shown;
  };
  const { messages, threads } = sheet.activity;
  const activity = messages > 0 ? [`• Posted ${messages} message${messages === 1 ? '' : 's'} in ${threads} thread${threads === 1 ? '' : 's'}`] : [];
  const done = [...bullets(sheet.done), ...activity];
  return [
    `*${agentName}: ${meeting} update*`,
    '*Done:*',
    ...(done.length ? done : [`• Nothing finished since the last ${meeting}`]),
    '*Today:*',
    ...(sheet.doing.length ? bullets(sheet.doing) : ['• No open tasks']),
    '*Blockers:*',
    ...(sheet.blockers.length ? bullets(sheet.blockers) : ['• None']),
  ].join('\n');
}

type IdPrefix = Parameters<typeof newId>[0];
/** The prefixes of src/store/ids.ts, longest first (dlvb before dlv); the check below fails to compile if one is missing. */
export const ID_PREFIXES = ['dlvb', 'conv', 'card', 'task', 'msg', 'mtg', 'dlv', 'llm', 'apr', 'dec', 'esc', 'pub', 'wf'] as const satisfies readonly IdPrefix[];
const allPrefixes: [Exclude<IdPrefix, (typeof ID_PREFIXES)[number]>] extends [never] ? true : never = true;
void allPrefixes;

/**
 * An id-looking token: a known prefix, an underscore and letters or digits with at least one digit
 * (real ids are 32 hex digits; a made-up one like task_123 counts too, a word like task_list does not).
 */
const ID_PATTERN = new RegExp(`(?<![A-Za-z0-9_])(?:${ID_PREFIXES.join('|')})_(?=[A-Za-z0-9]*[0-9])[A-Za-z0-9]+(?![A-Za-z0-9_])`, 'g');

/** Every id-looking token in a text, in order, each once. */
export function idsIn(text: string): string[] {
  return [...new Set(text.match(ID_PATTERN) ?? [])];
}

/**
 * Whether a model-written update cites only records its fact sheet holds (facts' refs and their
 * threads): unknownRefs are the ids it names that the sheet cannot back.
 */
export function checkGrounded(updateText: string, sheet: FactSheet): { ok: boolean; unknownRefs: string[] } {
  const known = sheetRefs(sheet);
  const unknownRefs = idsIn(updateText).filter((id) => !known.has(id));
  return { ok: unknownRefs.length === 0, unknownRefs };
}

const BULLET = /^\s*(?:[•*-]|\d+\.)\s+\S/;
/** A bullet that says there is nothing is no claim. */
const NOTHING = /^\s*(?:[•*-]|\d+\.)\s+(?:none|nothing|no (?:open )?(?:tasks?|blockers?|requests?))\b/i;

/** The sheet's one fact without a record: how many messages the agent posted (its count must match). */
const saysActivity = (line: string, sheet: FactSheet) => sheet.activity.messages > 0 && new RegExp(`\\b${sheet.activity.messages} messages?\\b`).test(line);

/**
 * A model-written update with every line its fact sheet cannot back taken out, and how many were:
 * a claim is a bullet, and a claim names its record; one that cites none, or one not in the sheet, goes.
 */
export function groundUpdate(update: string, sheet: FactSheet): { text: string; dropped: number } {
  const unknown = new Set(checkGrounded(update, sheet).unknownRefs);
  const lines = update.split('\n');
  const kept = lines.filter((line) => {
    const ids = idsIn(line);
    if (ids.some((id) => unknown.has(id))) return false;
    return !BULLET.test(line) || ids.length > 0 || NOTHING.test(line) || saysActivity(line, sheet);
  });
  return { text: kept.join('\n'), dropped: lines.length - kept.length };
}
