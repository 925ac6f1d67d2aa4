import type { SummaryPrompt } from '../../agents/thread-summary-prompt.js';
import { clip } from '../../lib/clip.js';

/*
 * The rehearsal model's thread summary: extractive, so it can only repeat what was said. The
 * opening request, then the lines that carry a decision, a record id, a question or a number,
 * each attributed, at most MAX_LINES (the weightiest kept, in thread order). An extended summary
 * starts from the previous one's lines, so an early decision survives later summaries.
 */

export const EXTRACTIVE_LABEL = '(rehearsal: an extractive summary, lines quoted from the thread, not written by Claude)';
const OPENING = 'Opening request — ';
const MAX_LINES = 24;
const MAX_LINE_CHARS = 240;

const DECISION = /\b(decid|decision|agreed|approv|we will|we'll go|go with|chose|signed off)/i;
const RECORD_ID = /\b(dlvb|task|dec|apr|esc|wf|pub|mtg)_[0-9a-z]{6,}\b/i;
const QUESTION = /\?/;
const NUMBER = /\d/;

const weight = (line: string) => (DECISION.test(line) ? 4 : 0) + (RECORD_ID.test(line) ? 4 : 0) + (QUESTION.test(line) ? 2 : 0) + (NUMBER.test(line) ? 1 : 0);
/** Slack mrkdwn and the rehearsal note are noise in a quoted line. */
const plain = (s: string) => s.replace(/_?\(rehearsal answer[^)]*\)_?/g, '').replace(/[*~`]/g, '').trim();

export function extractiveSummary(p: SummaryPrompt): string {
  const before = (p.previous ?? '').split('\n').filter((l) => l && l !== EXTRACTIVE_LABEL);
  let opening = before.find((l) => l.startsWith(OPENING)) ?? null;
  const candidates = before.filter((l) => l !== opening);
  p.messages.forEach((m, i) => {
    const lines = m.text.split('\n').map(plain).filter(Boolean);
    const opens = !opening && i === 0 && lines.length > 0;
    if (opens) opening = `${OPENING}${m.fromName}: ${clip(lines[0]!, MAX_LINE_CHARS)}`;
    for (const line of opens ? lines.slice(1) : lines) {
      if (weight(line) > 0) candidates.push(`- ${m.fromName}: ${clip(line, MAX_LINE_CHARS)}`);
    }
  });
  // The weightiest lines, later ones first among equals; then back in thread order.
  const kept = new Set(
    candidates
      .map((line, i) => ({ line, i, w: weight(line.replace(/^- [^:]*: /, '')) }))
      .sort((a, b) => b.w - a.w || b.i - a.i)
      .slice(0, MAX_LINES)
      .map((c) => c.i),
  );
  return [EXTRACTIVE_LABEL, ...(opening ? [opening] : []), ...candidates.filter((_, i) => kept.has(i))].join('\n');
}
