import type { AgentManifest, Department, DepartmentFile } from './schema.js';
import { layer } from './schema.js';
import { configError, displayPath } from './read-manifest.js';

/** A validated manifest and the file it came from (errors name the file). */
export type SourcedManifest = AgentManifest & { source: string };

/** Managers of an agent: the solid line first, then dotted lines. "human" is not an agent. */
function managersOf(a: AgentManifest): string[] {
  return [...(a.reports_to === 'human' ? [] : [a.reports_to]), ...a.also_reports_to];
}

/**
 * Checks the reporting lines form one tree under a single executive who reports to the human,
 * and that everything department.yml names is a real agent. Throws ConfigError naming file and field.
 */
export function checkOrgChart(file: DepartmentFile, departmentPath: string, agents: SourcedManifest[]): void {
  const byId = new Map(agents.map((a) => [a.id, a]));
  const known = () => [...byId.keys()].sort().join(', ');

  for (const a of agents) {
    const fields: Array<[string, string]> = [
      ...(a.reports_to === 'human' ? [] : [['reports_to', a.reports_to] as [string, string]]),
      ...a.also_reports_to.map((m, i) => [`also_reports_to[${i}]`, m] as [string, string]),
    ];
    for (const [field, target] of fields) {
      if (target === a.id) throw configError(a.source, field, `an agent cannot report to itself`);
      if (!byId.has(target)) throw configError(a.source, field, `unknown agent "${target}" (agents: ${known()})`);
    }
  }

  const cycle = findCycle(agents, byId);
  if (cycle) {
    const start = byId.get(cycle[0]!)!;
    throw configError(start.source, 'reports_to', `reporting cycle ${[...cycle, cycle[0]].join(' → ')}`);
  }

  const tops = agents.filter((a) => a.reports_to === 'human');
  if (tops.length === 0) {
    throw configError(departmentPath, 'agents', 'no agent has reports_to: human; exactly one executive (e.g. cmo) must');
  }
  if (tops.length > 1) {
    const [first, second] = tops as [SourcedManifest, SourcedManifest];
    throw configError(second.source, 'reports_to', `only one agent may report to human, and ${first.id} (${displayPath(first.source)}) already does`);
  }
  const top = tops[0]!;
  if (top.layer !== 'executive') {
    throw configError(top.source, 'layer', `the agent that reports to human must be in the executive layer, not ${top.layer}`);
  }

  if (!byId.has(file.front_desk)) {
    throw configError(departmentPath, 'front_desk', `unknown agent "${file.front_desk}" (agents: ${known()})`);
  }
  for (const [name, meeting] of Object.entries(file.meetings)) {
    if (!byId.has(meeting.lead)) {
      throw configError(departmentPath, `meetings.${name}.lead`, `unknown agent "${meeting.lead}" (agents: ${known()})`);
    }
    if (meeting.attendees === 'all') continue;
    meeting.attendees.forEach((who, i) => {
      if (!layer.safeParse(who).success && !byId.has(who)) {
        throw configError(departmentPath, `meetings.${name}.attendees[${i}]`, `"${who}" is neither a layer (${layer.options.join(', ')}) nor an agent`);
      }
    });
  }
}

/** Depth-first search over manager edges (solid and dotted); returns the agents on the first cycle found. */
function findCycle(agents: SourcedManifest[], byId: Map<string, SourcedManifest>): string[] | null {
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const visit = (id: string): string[] | null => {
    if (state.get(id) === 'done') return null;
    if (state.get(id) === 'visiting') return stack.slice(stack.indexOf(id));
    state.set(id, 'visiting');
    stack.push(id);
    for (const m of managersOf(byId.get(id)!)) {
      const found = visit(m);
      if (found) return found;
    }
    stack.pop();
    state.set(id, 'done');
    return null;
  };
  for (const a of [...agents].sort((x, y) => x.id.localeCompare(y.id))) {
    const found = visit(a.id);
    if (found) return found;
  }
  return null;
}

/** Direct reports of every agent, solid and dotted lines, in agent order. Derived so it is never written twice. */
export function deriveManages(agents: AgentManifest[]): Map<string, string[]> {
  const manages = new Map<string, string[]>(agents.map((a) => [a.id, []]));
  for (const a of agents) {
    for (const m of managersOf(a)) {
      const list = manages.get(m);
      if (list && !list.includes(a.id)) list.push(a.id);
    }
  }
  return manages;
}

/** The lowest manager both agents report to (directly or further up); null when they share none. */
export function sharedManager(department: Department, a: string, b: string): string | null {
  const chain = (id: string) => {
    const up: string[] = [];
    for (let at = department.byId.get(id)?.reports_to; at && at !== 'human'; at = department.byId.get(at)?.reports_to) up.push(at);
    return up;
  };
  const aboveB = new Set(chain(b));
  return chain(a).find((m) => aboveB.has(m)) ?? null;
}
