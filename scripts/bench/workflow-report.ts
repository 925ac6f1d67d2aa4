import type { Department } from '../../src/department/schema.js';
import type { ClaudeEstimate, RecordedCall } from './claude-estimate.js';
import { percentile } from './load.js';

export interface WorkflowFigures {
  n: number;
  topic: string;
  status: string;
  outcome: string | null;
  /** Request sent → "Workflow done" accepted by the fake Slack, ms. */
  wallMs: number;
  /** Approval card posted → the approver's click sent, ms (part of wallMs). */
  approvalWaitMs: number;
  steps: number;
  slowestStep: { key: string; seconds: number } | null;
  calls: RecordedCall[];
  estimate: ClaudeEstimate;
  /** Every call in the run's thread (its steps, the starting turn, the hand-off FYIs) and their estimate. */
  threadCalls: RecordedCall[];
  threadEstimate: ClaudeEstimate;
}

const int = (n: number) => Math.round(n).toLocaleString('en-US');
const usd = (n: number) => `$${n.toFixed(4)}`;
const sum = (calls: RecordedCall[], key: keyof Omit<RecordedCall, 'agentId'>) => calls.reduce((s, c) => s + c[key], 0);
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/** The per-workflow table and the summary; every figure is printed, none is asserted. */
export function printWorkflowReport(
  runs: WorkflowFigures[],
  ctx: { department: Department; prefixTokens: Map<string, number>; priceSources: string[]; elapsedMs: number; concurrency: number },
) {
  const { department } = ctx;
  const cols: [string, number][] = [['run', 4], ['wall', 9], ['steps', 6], ['slowest step', 20], ['model calls', 12], ['input', 9], ['output', 8], ['cache read', 11], ['cache write', 12], ['est. cost on Claude', 20], ['outcome', 0]];
  const row = (cells: string[]) => cells.map((c, i) => (cols[i]![1] ? c.padStart(cols[i]![1]) : `  ${c}`)).join(' ');
  console.log('\nPer workflow: the slowest step from asked to marked finished; model calls and tokens as recorded in llm_calls for the run\'s step');
  console.log('turns (the rehearsal model records no cache use); their estimated cost on Claude:');
  console.log(row(cols.map(([name]) => name)));
  for (const r of runs) {
    const c = r.calls;
    console.log(row([`#${r.n}`, seconds(r.wallMs), String(r.steps), r.slowestStep ? `${r.slowestStep.key} ${seconds(r.slowestStep.seconds * 1000)}` : '-', String(c.length), int(sum(c, 'inputTokens')), int(sum(c, 'outputTokens')), int(sum(c, 'cacheReadTokens')), int(sum(c, 'cacheCreationTokens')), usd(r.estimate.usd), `${r.status}: ${r.outcome ?? ''} — ${r.topic}`]));
  }

  const done = runs.filter((r) => r.status === 'done');
  const walls = done.map((r) => r.wallMs);
  const calls = runs.flatMap((r) => r.calls);
  const total = runs.reduce((s, r) => s + r.estimate.usd, 0);
  const split = (k: keyof ClaudeEstimate) => runs.reduce((s, r) => s + r.estimate[k], 0);
  const thread = runs.reduce((s, r) => s + r.threadEstimate.usd, 0);
  const threadCalls = runs.reduce((s, r) => s + r.threadCalls.length, 0);
  console.log(`\nSummary of ${runs.length} content workflows, ${ctx.concurrency} at a time, ${seconds(ctx.elapsedMs)} in all (${done.length} done):`);
  if (walls.length > 0) console.log(`  wall time, request → "Workflow done": median ${seconds(percentile(walls, 50))}, p90 ${seconds(percentile(walls, 90))} (the approver clicked ${int(avg(done.map((r) => r.approvalWaitMs)))} ms after the card on average)`);
  console.log(`  model calls: ${calls.length} in the runs' steps (${(calls.length / runs.length).toFixed(1)} per workflow)`);
  console.log(`  estimated cost on Claude: ${usd(total)} in all, ${usd(total / runs.length)} per workflow`);
  console.log(`    billed as: ${int(split('freshInput'))} fresh input, ${int(split('cacheWrite'))} cache-write and ${int(split('cacheRead'))} cache-read input tokens, ${int(split('output'))} output tokens`);
  console.log(`  whole threads, with the Content Manager's turn that started each workflow and the hand-off FYIs: ${threadCalls} calls, ${usd(thread)} in all, ${usd(thread / runs.length)} per workflow`);
  const budget = department.file.budgets.thread_spend_usd;
  const over = runs.filter((r) => r.threadEstimate.usd > budget).length;
  if (over > 0) console.log(`  note: ${over} thread(s) would pass the thread spend budget (budgets.thread_spend_usd, $${budget}) on Claude`);

  const used = [...new Set(runs.flatMap((r) => r.threadCalls).map((c) => c.agentId))];
  console.log('\nHow the cost was estimated:');
  console.log('  - Answers came from the OFFLINE REHEARSAL MODEL, not Claude: its token counts are characters/4 of each request and of its own short canned replies.');
  console.log('  - Each call\'s recorded tokens are priced at the Claude model of its agent\'s tier (src/llm/cost.ts costUsd), at the list prices');
  console.log('    in manifests/department.yml `models`, whose comments give their source:');
  for (const source of ctx.priceSources) console.log(`      ${source}`);
  console.log('  - Prompt caching as the runtime asks for it: an agent\'s first call in a run writes its cached prefix (tools + static system prompt),');
  console.log('    its later calls in the run read it; the prefix is measured by building each agent\'s request with src/llm/prompt.ts and counting');
  console.log('    it the rehearsal model\'s way. The thread-history cache breakpoint is not credited (history billed as fresh input), nor are');
  console.log('    reads across workflows, nor minimum cacheable lengths. Cached prefix per agent (tier):');
  console.log(`    ${used.map((id) => `${id} ${int(ctx.prefixTokens.get(id) ?? 0)} (${department.byId.get(id)?.model_tier})`).join(', ')}`);
  console.log('  - Real Claude answers are longer (drafts of ~1,500 words, adaptive thinking), so output tokens, and the cost, would be higher.');
}

function avg(values: number[]): number {
  return values.length === 0 ? 0 : values.reduce((s, v) => s + v, 0) / values.length;
}
