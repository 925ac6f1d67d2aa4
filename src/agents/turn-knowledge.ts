import type { KnowledgeHit } from '../knowledge/knowledge-index.js';
import { clip } from '../lib/clip.js';

/**
 * What the department knows that bears on a turn's message: the most relevant knowledge records,
 * within a token budget, shown after the prompt's END line (after every cache breakpoint, so the
 * tools, the system prompt and the thread history stay cached) in a line format the rehearsal
 * model reads back. An agent that uses one links to it.
 */
export interface KnowledgeNote {
  id: string;
  type: string;
  title: string;
  text: string;
  source: string;
  /** YYYY-MM-DD */
  date: string;
  link: string | null;
}

/** Records bigger than this are quoted in part: many short notes serve a turn better than one long post. */
const NOTE_CHARS = 900;
/** About four characters a token (Anthropic's rule of thumb for English). */
const CHARS_PER_TOKEN = 4;

const HEADING = 'Department knowledge that may bear on this message (brand guide, decisions, published work, notes). Follow the brand rules; when you use a record, link to it (its <link>), or cite [kb:<id>] when it has none; search_knowledge looks further:';
const NOTE = /^- kb (\S+) (\S+) (\d{4}-\d{2}-\d{2}) by (\S+)(?: <([^>]+)>)?: (.*)$/;

/** The hits that fit the budget, best first, each quoted in part when long. */
export function knowledgeNotes(hits: KnowledgeHit[], budgetTokens: number): KnowledgeNote[] {
  const notes: KnowledgeNote[] = [];
  let used = HEADING.length;
  for (const h of hits) {
    const note = { id: h.id, type: h.type, title: clip(h.title, 160, { flat: true }), text: clip(h.text, NOTE_CHARS, { flat: true }), source: h.source, date: h.createdAt.toISOString().slice(0, 10), link: h.permalink };
    const size = renderNote(note).length;
    if ((used + size) / CHARS_PER_TOKEN > budgetTokens) break;
    notes.push(note);
    used += size;
  }
  return notes;
}

const renderNote = (n: KnowledgeNote) => `- kb ${n.id} ${n.type} ${n.date} by ${n.source.replace(/\s+/g, '_')}${n.link ? ` <${n.link}>` : ''}: ${n.title}\n  ${n.text}`;

export function renderKnowledge(notes: KnowledgeNote[]): string {
  return notes.length === 0 ? '' : [HEADING, ...notes.map(renderNote)].join('\n');
}

/** The notes back from a prompt's text (the rehearsal model's reading). */
export function parseKnowledge(text: string): KnowledgeNote[] {
  const at = text.indexOf(HEADING);
  if (at < 0) return [];
  const lines = text.slice(at + HEADING.length).split('\n');
  const notes: KnowledgeNote[] = [];
  for (const [i, line] of lines.entries()) {
    const m = NOTE.exec(line);
    if (!m) continue;
    const body = lines[i + 1]?.startsWith('  ') ? lines[i + 1]!.trim() : '';
    notes.push({ id: m[1]!, type: m[2]!, date: m[3]!, source: m[4]!, link: m[5] ?? null, title: m[6]!, text: body });
  }
  return notes;
}

/** How a post links to a note: its Slack link, or its id. */
export const citeNote = (n: Pick<KnowledgeNote, 'id' | 'title' | 'link'>) => (n.link ? `<${n.link}|${n.title.replace(/[|>]/g, ' ')}>` : `[kb:${n.id}]`);
