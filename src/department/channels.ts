import type { Department } from './schema.js';

/** The department's own channels (standup, approvals, escalations, decisions, published) and every agent's home channel, by name. */
export function departmentChannels(department: Department): string[] {
  const { standup, approvals, escalations, decisions, published } = department.file.channels;
  return [...new Set([standup, approvals, escalations, decisions, published, ...department.agents.flatMap((a) => a.home_channels)])];
}
