import type { AgentDef, Department } from '../department/schema.js';

/** The meeting's attendees from the department file ("all", or layers and agent ids), in the department's order. */
export function attendeesOf(department: Department, attendees: 'all' | string[]): AgentDef[] {
  if (attendees === 'all') return department.agents;
  const wanted = new Set(attendees);
  return department.agents.filter((a) => wanted.has(a.layer) || wanted.has(a.id));
}
