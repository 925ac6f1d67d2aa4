import type { MonthlyMetrics } from './department-metrics.js';

/** The monthly metrics as monospace tables in a Slack code block; a metric with no data reads "no data". */
export function metricsTable(m: MonthlyMetrics): string {
  const usd = (v: number) => `$${v.toFixed(2)}`;
  const or = <T>(v: T | null, show: (x: T) => string) => (v === null ? 'no data' : show(v));
  const main: [string, string][] = [
    ['Tasks completed', String(m.tasksCompleted)],
    ['Deliverables approved', String(m.deliverablesApproved)],
    ['Median cycle time (request → approval)', or(m.medianCycleHours, (h) => `${h.toFixed(1)} h`)],
    ['First-time approval rate', or(m.firstTimeApprovalRate, (r) => `${Math.round(r * 100)}%`)],
    ['Revision rounds (average)', or(m.avgRevisionRounds, (r) => r.toFixed(1))],
    ['Escalations opened / resolved', `${m.escalations.opened} / ${m.escalations.resolved}`],
    ['Model spend', usd(m.totalUsd)],
    ['Cost per deliverable', or(m.costPerDeliverable, usd)],
  ];
  const blocks = [table(['Metric', 'Value'], main)];
  if (m.spendByAgent.length) blocks.push(table(['Agent', 'Spend'], m.spendByAgent.map((a) => [a.agent, usd(a.usd)])));
  if (m.spendByWorkflow.length) blocks.push(table(['Workflow', 'Runs', 'Spend'], m.spendByWorkflow.map((w) => [w.kind, String(w.runs), usd(w.usd)])));
  return ['```', blocks.join('\n\n'), '```'].join('\n');
}

/** Columns padded to their widest cell; numbers (every column but the first) right-aligned. */
function table(header: string[], rows: string[][]): string {
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((r) => [...(r[i] ?? '')].length)));
  const line = (r: string[]) => r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}
