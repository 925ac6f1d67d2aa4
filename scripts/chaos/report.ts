import type { TrialResult } from './trial.js';

const seconds = (ms: number | undefined) => (ms === undefined ? 'never' : `${(ms / 1000).toFixed(1)} s`);

/** The compact table: one line per trial, a total line, then what each trial noticed. */
export function report(results: TrialResult[], recoveryLimitMs: number, deadlineMs: number): string {
  const header = ['trial', 'sent', 'acked', 'answered', 'lost', 'dup', 'crashes', 'unfinished', 'recovery', 'result'];
  const rows = results.map((r) => [
    r.name,
    r.tally.sent,
    r.tally.acked,
    r.tally.answered,
    r.tally.lost,
    r.tally.duplicated,
    r.crashes.length,
    r.unfinished ?? '?',
    r.recoveryMs === undefined ? `> ${deadlineMs / 1000} s` : seconds(r.recoveryMs),
    r.ok ? 'ok' : 'FAIL',
  ]);
  const sum = (f: (r: TrialResult) => number) => results.reduce((n, r) => n + f(r), 0);
  const recoveries = results.map((r) => r.recoveryMs);
  const worst = recoveries.includes(undefined) ? `> ${deadlineMs / 1000} s` : seconds(Math.max(0, ...(recoveries as number[])));
  const failed = results.filter((r) => !r.ok).length;
  rows.push([
    `total (${results.length} trials)`,
    sum((r) => r.tally.sent),
    sum((r) => r.tally.acked),
    sum((r) => r.tally.answered),
    sum((r) => r.tally.lost),
    sum((r) => r.tally.duplicated),
    sum((r) => r.crashes.length),
    sum((r) => r.unfinished ?? 0),
    `worst ${worst}`,
    failed === 0 ? 'ok' : `${failed} FAIL`,
  ]);
  const cells = [header, ...rows].map((row) => row.map(String));
  const widths = header.map((_, i) => Math.max(...cells.map((row) => row[i]!.length)));
  const line = (row: string[]) => row.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  const out = [line(cells[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1, -1).map(line), widths.map((w) => '-'.repeat(w)).join('  '), line(cells.at(-1)!)];
  const notes = results.filter((r) => r.notes.length > 0).map((r) => `  ${r.name}: ${r.notes.join('; ')}`);
  return [
    ...out,
    '',
    `ok = 0 lost, 0 duplicated, no crash, every event answered within ${recoveryLimitMs / 1000} s of the fault and every delivery finished`,
    `(lost = no answer ${deadlineMs / 1000} s after the fault; unfinished = deliveries still pending or running then, whose takeover may post again)`,
    ...(results.some((r) => r.workflows)
      ? [
          '(workflow trials: sent = blog posts asked for, answered = runs waiting at their approval with both cards, recovery = from the fault until every run was;',
          ' dup = a protocol id, plan, step request, step answer, approval card, approval request or task made twice)',
        ]
      : []),
    ...(notes.length > 0 ? ['', ...notes] : []),
  ].join('\n');
}
