import type { Department } from '../department/schema.js';
import type { MessageRow, Store } from '../store/store.js';
import type { EarlierView } from './thread-summary.js';
import type { PromptEntry } from './turn-prompt.js';

/** A stored message as the agent reads it in its prompt. */
export function toPromptEntry(m: MessageRow, department: Department): PromptEntry {
  if (m.authorKind === 'agent') {
    return { from: m.authorId, fromName: department.byId.get(m.authorId)?.name ?? m.authorId, to: m.toAgents, type: m.type, text: m.text };
  }
  if (m.authorKind === 'system') return { from: 'department', fromName: 'Department notice', to: [], type: 'system', text: m.text };
  return { from: `human:${m.authorId}`, fromName: `<@${m.authorId}>`, to: m.toAgents, type: m.type, text: m.text };
}

const firstPageOf = (m: MessageRow | undefined) => m?.protocol?.part?.first;

/**
 * The pages of a long message (see turn-outputs.ts) read as the one message they are: consecutive
 * rows of the same first page are joined, addressed as the last page is.
 */
export function joinPages(rows: MessageRow[]): MessageRow[] {
  const out: MessageRow[] = [];
  for (const m of rows) {
    const prev = out.at(-1);
    const first = firstPageOf(m);
    if (prev && first && firstPageOf(prev) === first) out[out.length - 1] = { ...m, text: `${prev.text}\n${m.text}` };
    else out.push(m);
  }
  return out;
}

/**
 * The thread as the agent reads it: the last `limit` messages before the incoming one; when the
 * thread is longer, the messages before them come from `earlier` (a summary of the oldest, the
 * rest as written; see thread-summary.ts), after the opening message (the original request),
 * which stays in view. The incoming message is read whole: when it is the last page of a long
 * message, its earlier pages (just before it) join it instead of the history.
 */
export async function turnThread(
  store: Pick<Store, 'historyBefore' | 'openingMessage'>,
  incoming: MessageRow,
  opts: { hasHistory: boolean; limit: number; department: Department; earlier: (windowStart: number) => Promise<EarlierView> },
): Promise<{ history: PromptEntry[]; incoming: PromptEntry }> {
  const { department, limit } = opts;
  const recent = opts.hasHistory ? await store.historyBefore(incoming, limit) : [];
  const opening = recent.length < limit ? undefined : await store.openingMessage(incoming.conversationId);
  const view = opening && opening.seq < recent[0]!.seq ? await opts.earlier(recent[0]!.seq) : null;
  const [whole, ...rest] = joinPages([...(view?.unsummarised ?? []), ...recent, incoming]).reverse();
  const history = rest.reverse().map((m) => toPromptEntry(m, department));
  const read = { history, incoming: toPromptEntry(whole!, department) };
  // Without a summary every older message is in view, the opening first.
  if (!view || (!view.summary && view.missing === 0)) return read;
  const lead = [toPromptEntry(opening!, department)];
  if (view.summary) lead.push({ from: 'department', fromName: `Summary of the ${view.summary.messageCount} earlier messages`, to: [], type: 'system', text: view.summary.text });
  if (view.missing > 0) lead.push({ from: 'department', fromName: 'Department notice', to: [], type: 'system', text: `(${view.missing} earlier messages of this thread are not shown)` });
  return { ...read, history: [...lead, ...history] };
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
