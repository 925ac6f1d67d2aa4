import { FACT_KINDS, type Fact, type FactKind, type FactSheet } from './fact.js';

/*
 * The fact sheet as an agent is given it: a marked block, one fact a line ending in its ref in
 * brackets, followed by what the reader needs to read it back exactly (kind, time, thread):
 *
 *   - Submitted "AI costs for small businesses" v2 (blog post) [dlvb_…; kind=version_submitted; at=2026-11-29T09:12:00.000Z; thread=conv_…]
 *
 * parseFactSheet reads it back (the offline rehearsal model writes its update from the prompt).
 */

export const FACT_SHEET_START = '<<<FACT SHEET';
export const FACT_SHEET_END = '<<<END FACT SHEET>>>';

const SECTIONS = [
  // Every meeting kind is given the same sheet: "meeting", not the kind's title.
  ['done', 'Done since the last meeting:'],
  ['doing', 'Doing now:'],
  ['blockers', 'Blockers:'],
] as const;

export function renderFactSheet(sheet: FactSheet): string {
  const lines = [`${FACT_SHEET_START} agent=${sheet.agentId} since=${sheet.since.toISOString()} until=${sheet.until.toISOString()}>>>`];
  for (const [key, heading] of SECTIONS) {
    lines.push(heading);
    const facts = sheet[key];
    lines.push(...(facts.length === 0 ? ['- (none)'] : facts.map(factLine)));
  }
  lines.push(`Activity: ${sheet.activity.messages} messages in ${sheet.activity.threads} threads`, FACT_SHEET_END);
  return lines.join('\n');
}

function factLine(fact: Fact): string {
  const meta = [fact.ref, `kind=${fact.kind}`, fact.at ? `at=${fact.at.toISOString()}` : null, fact.conversationId ? `thread=${fact.conversationId}` : null];
  return `- ${oneLine(fact.text)} [${meta.filter(Boolean).join('; ')}]`;
}

/** A sentence on one line, with no brackets that could be taken for its ref. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/\[/g, '(').replace(/\]/g, ')').trim();
}

/** The first fact sheet in a text (a prompt), or null when it holds none or it is malformed. */
export function parseFactSheet(text: string): FactSheet | null {
  const start = text.indexOf(FACT_SHEET_START);
  const end = text.indexOf(FACT_SHEET_END, start);
  if (start < 0 || end < 0) return null;
  const [header, ...body] = text.slice(start, end).split('\n');
  const head = /agent=(\S+) since=(\S+) until=(\S+?)>>>/.exec(header ?? '');
  if (!head) return null;
  const sheet: FactSheet = { agentId: head[1]!, since: new Date(head[2]!), until: new Date(head[3]!), done: [], doing: [], blockers: [], activity: { messages: 0, threads: 0 } };
  let section: (typeof SECTIONS)[number][0] | null = null;
  for (const raw of body) {
    const line = raw.trim();
    const heading = SECTIONS.find(([, h]) => h === line);
    if (heading) {
      section = heading[0];
      continue;
    }
    const activity = /^Activity: (\d+) messages in (\d+) threads$/.exec(line);
    if (activity) {
      sheet.activity = { messages: Number(activity[1]), threads: Number(activity[2]) };
      continue;
    }
    const fact = section ? parseFactLine(line) : null;
    if (section && fact) sheet[section].push(fact);
  }
  return sheet;
}

function parseFactLine(line: string): Fact | null {
  const m = /^- (.*) \[([^[\]]+)\]$/.exec(line);
  if (!m) return null;
  const [ref, ...meta] = m[2]!.split('; ');
  const field = (name: string) => meta.find((x) => x.startsWith(`${name}=`))?.slice(name.length + 1);
  const kind = field('kind');
  if (!ref || !kind || !(FACT_KINDS as readonly string[]).includes(kind)) return null;
  const fact: Fact = { ref, kind: kind as FactKind, text: m[1]! };
  const at = field('at');
  const thread = field('thread');
  if (at) fact.at = new Date(at);
  if (thread) fact.conversationId = thread;
  return fact;
}
