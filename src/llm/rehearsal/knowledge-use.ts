import { citeNote, type KnowledgeNote } from '../../agents/turn-knowledge.js';
import type { Act, ToolCall } from './decide.js';
import { clip } from '../../lib/clip.js';

/*
 * The rehearsal model's use of the department's memory, so offline a person sees it at work: a
 * word rule of the brand guide or of a remembered note ("never say 'cheap'; say 'affordable'") is
 * followed in what it writes and cited; otherwise the most relevant record is quoted with its link.
 */

export interface WordRule {
  avoid: string;
  use: string;
  note: KnowledgeNote;
}

const Q = `['"“”‘’]`;
const RULES = [
  new RegExp(`(?:never|don't|do not)\\s+(?:say|use|write)\\s+${Q}?([\\w -]{2,40}?)${Q}?\\s*[;,.—–-]+\\s*(?:say|use|write)\\s+${Q}?([\\w -]{2,40}?)${Q}?(?=[\\s.;,)]|$)`, 'gi'),
  new RegExp(`(?:say|use|write)\\s+${Q}([\\w -]{2,40}?)${Q}\\s*,?\\s*(?:not|never)\\s+${Q}([\\w -]{2,40}?)${Q}`, 'gi'),
];

/** The word rules in the notes (the second pattern names the word to use first). */
export function wordRules(notes: KnowledgeNote[]): WordRule[] {
  const rules: WordRule[] = [];
  for (const note of notes) {
    const text = `${note.title}. ${note.text}`;
    for (const m of text.matchAll(RULES[0]!)) rules.push({ avoid: m[1]!.trim(), use: m[2]!.trim(), note });
    for (const m of text.matchAll(RULES[1]!)) rules.push({ avoid: m[2]!.trim(), use: m[1]!.trim(), note });
  }
  return dedupe(rules.filter((r) => r.avoid.toLowerCase() !== r.use.toLowerCase()));
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const sameCase = (word: string, like: string) => (like[0] && like[0] === like[0].toUpperCase() && like[0] !== like[0].toLowerCase() ? word.charAt(0).toUpperCase() + word.slice(1) : word);

/** The text with every avoided word replaced, and the rules that changed it. */
export function followRules(text: string, rules: WordRule[]): { text: string; applied: WordRule[] } {
  const applied: WordRule[] = [];
  let out = text;
  for (const r of rules) {
    // The word on its own or starting a camel-case hashtag (#CheapTools), not inside another (cheaply).
    const first = r.avoid.charAt(0);
    const re = new RegExp(`\\b[${first.toLowerCase()}${first.toUpperCase()}]${escape(r.avoid.slice(1))}(?=\\b|[A-Z])`, 'g');
    if (!re.test(out)) continue;
    out = out.replace(re, (m) => sameCase(r.use, m));
    applied.push(r);
  }
  return { text: out, applied };
}

const quote = (n: KnowledgeNote) => clip(n.text, 200);

/** The act with the notes' word rules followed in every text it writes, and what it drew on said, with links. */
export function useKnowledge(act: Act, notes: KnowledgeNote[]): Act {
  if (notes.length === 0) return act;
  const rules = wordRules(notes);
  let cited = false;
  const calls = act.calls.map((call): ToolCall => {
    const field = call.tool === 'post_message' ? 'text' : call.tool === 'submit_deliverable' ? 'content' : null;
    if (!field || typeof call.input[field] !== 'string') return call;
    const followed = followRules(call.input[field], rules);
    const input: Record<string, unknown> = { ...call.input, [field]: followed.text };
    if (typeof input.title === 'string') input.title = followRules(input.title, rules).text;
    const lines: string[] = [];
    // Not in italics: a record id holds underscores, which would end them (mrkdwn).
    for (const r of followed.applied) lines.push(`Brand rule followed: “${r.avoid}” → “${r.use}” (${citeNote(r.note)})`);
    // One quote per turn, from the most relevant record that is not a rule already shown.
    const top = notes.find((n) => !followed.applied.some((r) => r.note.id === n.id));
    if (!cited && top && lines.length === 0) lines.push(`From the department's memory: “${quote(top)}” — ${citeNote(top)}`);
    cited ||= lines.length > 0;
    return lines.length ? { ...call, input: { ...input, [field]: `${followed.text}\n\n${lines.join('\n')}` } } : { ...call, input };
  });
  return { ...act, calls };
}

const dedupe = (rules: WordRule[]) => rules.filter((r, i) => rules.findIndex((x) => x.avoid.toLowerCase() === r.avoid.toLowerCase()) === i);
