/*
 * The prompt that asks for a summary of a thread: of a long thread's older messages (its agents
 * read it instead of them), or of a whole thread once it went quiet (the department's memory keeps
 * it). An instruction, the previous summary when one is extended, and the messages, between marker lines the rehearsal
 * model reads back (src/llm/rehearsal/extractive-summary.ts), so offline it quotes the same text.
 */

export interface SummaryPrompt {
  /** The seq of the last message given: the summary covers the thread through it. */
  throughSeq: number;
  previous: string | null;
  messages: { from: string; fromName: string; text: string }[];
}

export const SUMMARY_SYSTEM =
  "You keep the minutes of a marketing department's Slack threads. You write summaries that colleagues joining a long thread read instead of its older messages, and that the department later finds a thread by.";

const ASK =
  'Summarise these messages for the colleagues who continue the thread or look it up later: the decisions (and who made them), the requests and who owns them, open questions, and the numbers, dates and budgets. ' +
  'Copy ids of deliverables, tasks, decisions, approvals and escalations (dlvb_…, task_…, dec_…, apr_…, esc_…) verbatim. Leave out greetings and thanks. ' +
  'When a previous summary is given, fold the new messages into it: write one summary of everything. Plain text, one point per line, at most 300 words.';

const MARKER = /^=== THREAD SUMMARY through message (\d+)$/;
const FROM = /^--- from: (\S+) \((.*)\)$/;
const END = '=== END';
/** A long message (a whole deliverable) is summarised from its start. */
const MAX_MESSAGE_CHARS = 2000;

/** Message text never starts a line the way a marker does (as in turn prompts). */
const guard = (text: string) => text.replace(/^(---|===|<\/?previous-summary>)/gm, '  $1');
const clip = (text: string) => (text.length <= MAX_MESSAGE_CHARS ? text : `${text.slice(0, MAX_MESSAGE_CHARS)}…`);

export function summaryPrompt(p: SummaryPrompt): string {
  return [
    `=== THREAD SUMMARY through message ${p.throughSeq}`,
    ASK,
    ...(p.previous ? ['<previous-summary>', guard(p.previous), '</previous-summary>'] : []),
    'Messages, oldest first:',
    ...p.messages.map((m) => `--- from: ${m.from} (${m.fromName})\n${guard(clip(m.text))}`),
    END,
  ].join('\n');
}

export function parseSummaryPrompt(text: string): SummaryPrompt | null {
  const lines = text.split('\n');
  const marker = MARKER.exec(lines[0] ?? '');
  if (!marker) return null;
  const open = lines.indexOf('<previous-summary>');
  const close = lines.indexOf('</previous-summary>');
  const previous = open > 0 && close > open ? lines.slice(open + 1, close).join('\n') : null;
  const out: SummaryPrompt['messages'] = [];
  for (const line of lines.slice(Math.max(close, 0) + 1)) {
    if (line === END) break;
    const from = FROM.exec(line);
    if (from) out.push({ from: from[1]!, fromName: from[2]!, text: '' });
    else if (out.length > 0) out.at(-1)!.text += (out.at(-1)!.text ? '\n' : '') + line;
  }
  return { throughSeq: Number(marker[1]), previous, messages: out };
}
