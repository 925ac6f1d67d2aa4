import { percentile } from './load.js';
import type { SharedPacerFigures } from './shared-pacers.js';
import type { StandupRunFigures } from './standup-run.js';

const TARGET_MS = 20_000;
const s = (ms: number | undefined) => (ms === undefined ? '—' : `${(ms / 1000).toFixed(2)} s`);
const gaps = (g: number[]) => (g.length === 0 ? '—' : `${Math.round(Math.min(...g))} / ${Math.round(percentile(g, 50))} / ${Math.round(Math.max(...g))} ms`);

/** One line per standup, then the totals; figures only, nothing asserted. */
export function printStandupReport(runs: StandupRunFigures[], shared: SharedPacerFigures | undefined): void {
  console.log('');
  for (const r of runs) {
    const landed = r.missing.length === 0 && r.duplicated.length === 0;
    console.log(
      [
        `Run ${r.n} (429 to ${Math.round(r.rateLimit * 100)}% of chat.postMessage, Retry-After 1 s; seeded ${r.seeded.tasks} tasks, ${r.seeded.blocked} blocked, ${r.seeded.awaitingApproval} drafts awaiting approval)`,
        `  trigger → complete thread (closing posted): ${s(r.closingMs)}${r.closingMs !== undefined && r.closingMs <= TARGET_MS ? ' (within the 20 s target)' : ' (over the 20 s target)'}; → status line updated: ${s(r.statusLineMs)}; slash command ack: ${r.ackMs} ms`,
        `  posts in the thread: ${r.posts} (opening + ${r.attendees} updates + closing = ${r.attendees + 2} expected); opening at ${s(r.openingMs)}, first update at ${s(r.firstUpdateMs)}`,
        `  gaps between consecutive posts as Slack received them (min / median / max): ${gaps(r.gapsMs)}; in order: ${r.gapsMs.map((g) => (g / 1000).toFixed(1)).join(' ')} s`,
        `  429s answered: ${r.rateLimited}; chat.postMessage calls ${r.postCalls} for ${r.postCalls - r.rateLimited} accepted (every 429 retried after Retry-After${landed ? ', none dropped' : ''})`,
        `  every attendee's update exactly once: ${landed ? 'yes' : `NO (missing: ${r.missing.join(', ') || 'none'}; twice or more: ${r.duplicated.join(', ') || 'none'})`}; in the department's order, closing last: ${r.inOrder ? 'yes' : 'NO'}`,
      ].join('\n'),
    );
  }
  const totals = runs.map((r) => r.closingMs).filter((ms): ms is number => ms !== undefined);
  if (totals.length > 1) console.log(`\nTrigger → complete thread over ${totals.length} runs: min ${s(Math.min(...totals))}, median ${s(percentile(totals, 50))}, max ${s(Math.max(...totals))} (target: within 20 s for 14 agents at 1 message per second).`);
  if (shared) {
    console.log(
      `\nTwo RedisChannelPacer on separate Redis connections, ${shared.turns} turns asked for at once in one channel (${shared.perPacer.join(' + ')}): ` +
        `span ${s(shared.spanMs)}, gaps between turns (min / median / max) ${gaps(shared.gapsMs)}.`,
    );
  }
}
