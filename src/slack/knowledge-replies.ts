import type { Department } from '../department/schema.js';
import type { KnowledgeBase } from '../knowledge/knowledge-base.js';
import type { KnowledgeRecord } from '../knowledge/knowledge-index.js';
import { literalText } from './text.js';
import { clip } from '../lib/clip.js';

const who = (department: Department, source: string) =>
  source.startsWith('human:') ? `<@${source.slice(6)}>` : (department.byId.get(source)?.name ?? source);
const excerpt = (text: string, max = 240) => clip(text, max, { flat: true });
const line = (department: Department, r: KnowledgeRecord) =>
  `• *${literalText(r.title)}* — ${r.type.replace(/_/g, ' ')}, ${who(department, r.source)}, ${r.createdAt.toISOString().slice(0, 10)}${r.permalink ? ` · <${r.permalink}|open>` : ''} · \`${r.id}\`\n    ${literalText(excerpt(r.text))}`;

/** `/dept search <words>`: the best records and where to read them. */
export async function searchReply(deps: { department: Department; knowledge: KnowledgeBase }, words: string): Promise<string> {
  if (!words.trim()) return 'Say what to look for: `/dept search newsletter send day`.';
  const hits = await deps.knowledge.search(words, { topK: 5 });
  if (hits.length === 0) return `Nothing in the department's memory matches "${literalText(words)}". \`/dept remember <text>\` adds to it.`;
  return [`*What the department knows about "${literalText(words)}"* (${deps.knowledge.searchedBy})`, ...hits.map((h) => line(deps.department, h))].join('\n');
}

/** `/dept remember <text>` and the "Remember this" shortcut: what was kept, and how to take it back. */
export async function rememberReply(deps: { knowledge: KnowledgeBase }, note: { text: string; by: string; permalink?: string | null }): Promise<string> {
  const text = note.text.trim();
  if (text.length < 3) return 'Say what to remember: `/dept remember never say "cheap"; say "affordable"`.';
  const record = await deps.knowledge.remember({ ...note, text });
  const cut = text.length > record.text.length ? ` (kept the first ${record.text.length} characters)` : '';
  return `Remembered${cut}: “${literalText(excerpt(record.text, 300))}” — every agent now draws on it where it bears on their work. An approver can take it back with \`/dept forget ${record.id}\`.`;
}

/** `/dept forget <id>`: approvers only; removed from the records and the search index. */
export async function forgetReply(deps: { department: Department; knowledge: KnowledgeBase; mayForget: (userId: string) => boolean; whoMay: () => string }, id: string, userId: string): Promise<string> {
  if (!id) return 'Say which record: `/dept forget note:kn_…` (`/dept search` shows each record\'s id).';
  if (!deps.mayForget(userId)) return `Only approvers can make the department forget. ${deps.whoMay()}`;
  const record = await deps.knowledge.forget(id, userId);
  if (!record) return `There is no record \`${literalText(id)}\` in the department's memory (\`/dept search\` shows the ids).`;
  const guide = record.source.startsWith('manifests/') ? ` It stays out even though ${record.source} still has it: edit that file to change the guide itself.` : '';
  return `Forgotten: *${literalText(record.title)}* (${record.type.replace(/_/g, ' ')}, ${who(deps.department, record.source)}) — gone from the department's memory and its search index.${guide}`;
}
