/**
 * Where a process's CPU went, from a V8 profile written by `BENCH_CPU_PROF=1 npm run bench`:
 * busy milliseconds per second of its life (to see where start-up ends and the load begins), then
 * the CPU from `fromSecond` on, by the library or source file that caused it (node's internals are
 * charged to the nearest caller: a socket write made by pg counts as pg).
 *
 *   npx tsx scripts/bench/profile-summary.ts /tmp/prof/CPU.….cpuprofile [fromSecond]
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const [file, from = '0'] = process.argv.slice(2);
if (!file) throw new Error('usage: profile-summary.ts <file.cpuprofile> [fromSecond]');
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const fromUs = Number(from) * 1e6;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

const VM = new Set(['(idle)', '(garbage collector)', '(program)']);
const ownerCache = new Map<number, string>();
function owner(id: number): string {
  const cached = ownerCache.get(id);
  if (cached) return cached;
  let found: string | undefined = VM.has(byId.get(id)!.callFrame.functionName) ? byId.get(id)!.callFrame.functionName : undefined;
  for (let cur: number | undefined = id; !found && cur !== undefined; cur = parent.get(cur)) found = sourceOf(byId.get(cur)!.callFrame.url);
  const result = found ?? '(node, no JS caller: I/O callbacks, timers)';
  ownerCache.set(id, result);
  return result;
}

function sourceOf(url: string): string | undefined {
  if (!url || url.startsWith('node:')) return undefined;
  const lib = /node_modules\/(@[^/]+\/[^/]+|[^/]+)/.exec(url)?.[1];
  if (lib) return lib === 'tsx' ? undefined : lib;
  return url.replace(/^.*?\/(src|scripts)\//, '$1/');
}

let t = 0;
const busyPerSecond: number[] = [];
const byOwner = new Map<string, number>();
let total = 0;
profile.samples.forEach((id, i) => {
  const dt = profile.timeDeltas[i] ?? 0;
  t += dt;
  const who = owner(id);
  const second = Math.floor(t / 1e6);
  if (who !== '(idle)') busyPerSecond[second] = (busyPerSecond[second] ?? 0) + dt;
  if (t < fromUs) return;
  byOwner.set(who, (byOwner.get(who) ?? 0) + dt);
  total += dt;
});

console.log(`busy ms in each second: ${Array.from(busyPerSecond, (v) => Math.round((v ?? 0) / 1000)).join(' ')}`);
console.log(`from second ${from}: ${(total / 1e6).toFixed(1)} s sampled`);
for (const [who, us] of [...byOwner].sort((a, b) => b[1] - a[1]).slice(0, 20)) {
  console.log(`${(us / 1000).toFixed(0).padStart(7)} ms ${((100 * us) / total).toFixed(1).padStart(5)}%  ${who}`);
}
