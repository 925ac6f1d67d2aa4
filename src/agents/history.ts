import type { Department } from '../department/schema.js';
import type { MessageRow, Store } from '../store/store.js';
import type { PromptEntry } from './turn-prompt.js';

/** A stored message as the agent reads it in its prompt. */
export function toPromptEntry(m: MessageRow, department: Department): PromptEntry {
  if (m.authorKind === 'agent') {
    return { from: m.authorId, fromName: department.byId.get(m.authorId)?.name ?? m.authorId, to: m.toAgents, type: m.type, text: m.text };
  }
  if (m.authorKind === 'system') return { from: 'department', fromName: 'Department notice', to: [], type: 'system', text: m.text };
  return { from: `human:${m.authorId}`, fromName: `<@${m.authorId}>`, to: m.toAgents, type: m.type, text: m.text };
}

/**
 * The thread as the agent reads it before the incoming message: the last `limit` messages, and
 * when that cuts a long thread, its opening message (the original request) and a marker of the gap.
 */
export async function threadHistory(store: Pick<Store, 'historyBefore' | 'openingMessage'>, incoming: MessageRow, limit: number, department: Department): Promise<PromptEntry[]> {
  const recent = await store.historyBefore(incoming, limit);
  const entries = recent.map((m) => toPromptEntry(m, department));
  if (recent.length < limit) return entries;
  const opening = await store.openingMessage(incoming.conversationId);
  if (!opening || opening.seq >= recent[0]!.seq) return entries;
  const gap: PromptEntry = { from: 'department', fromName: 'Department notice', to: [], type: 'system', text: '(earlier messages of this thread are not shown)' };
  return [toPromptEntry(opening, department), gap, ...entries.slice(1)];
}

/** The people (Slack user ids) who wrote any of these entries. */
export function peopleIn(entries: PromptEntry[]): string[] {
  return [...new Set(entries.filter((e) => e.from.startsWith('human:')).map((e) => e.from.slice('human:'.length)))];
}

/** People attributed by the name their colleagues know them by, where Slack told us; <@id> otherwise. */
export function withNames(entries: PromptEntry[], names: ReadonlyMap<string, string>): PromptEntry[] {
  return entries.map((e) => {
    const name = e.from.startsWith('human:') ? names.get(e.from.slice('human:'.length)) : undefined;
    return name ? { ...e, fromName: name } : e;
  });
}
