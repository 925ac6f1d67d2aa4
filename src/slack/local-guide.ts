import type { Department } from '../department/schema.js';
import type { WorkspaceGuide } from '../local-workspace/index.js';
import { homeAgent } from './routing.js';

/** What each of the department's own channels holds. */
const PURPOSE: Record<keyof Department['file']['channels'], string> = {
  standup: 'The meetings: the daily standup, weekly planning, monthly review and quarterly planning, one thread each, on their schedule or now with /dept standup (weekly, monthly, quarterly)',
  approvals: 'Approval cards: agents post here what needs a person; approvers decide with the buttons',
  escalations: 'Escalation cards: what agents cannot settle, for a person to answer or instruct',
  decisions: 'The decision log: every decision, by agents and by people, as it is recorded',
  published: "The department's library: each approved deliverable as it is published, with who approved it and where it went",
};

const NAMED_ONLY = 'agents answer here only when you name one: @Marketing Dept (the front desk) or a handle like @content';

/**
 * The local workspace's first-hour guidance, derived from the same routing the app uses
 * (src/slack/routing.ts), so what the page says gets an answer does: each channel's topic names who
 * answers there, the DM with the app (where the page opens) says the front desk answers everything,
 * and its pinned welcome says what to try. `rehearsal`: the banner says answers are not Claude's.
 */
export function localWorkspaceGuide(department: Department, opts: { rehearsal: boolean }): WorkspaceGuide {
  const frontDesk = department.byId.get(department.file.front_desk)!;
  const topics: Record<string, string> = { general: `For people: ${NAMED_ONLY}.` };
  for (const [kind, name] of Object.entries(department.file.channels) as [keyof typeof PURPOSE, string][]) {
    topics[name] = `${PURPOSE[kind]}; ${NAMED_ONLY}.`;
  }
  for (const name of new Set(department.agents.flatMap((a) => a.home_channels))) {
    const lead = department.byId.get(homeAgent(department, name)!)!;
    const others = department.agents.filter((a) => a.id !== lead.id && a.home_channels.includes(name)).map((a) => `@${a.handle}`);
    topics[name] =
      `${lead.name} answers new messages here; in a thread, the agent that spoke last.` + (others.length ? ` Also here: ${others.join(', ')} — name them to bring them in.` : '');
  }
  const homeLeads = [...new Set(department.agents.flatMap((a) => a.home_channels))]
    .slice(0, 3)
    .map((name) => `#${name} → ${department.byId.get(homeAgent(department, name)!)!.name}`);
  const specialist = department.agents.find((a) => a.layer === 'specialist') ?? frontDesk;
  return {
    topics,
    appDmTopic: `${frontDesk.name} (the front desk) answers every message here, or whoever you name with @handle.`,
    welcome: [
      `*Welcome to the ${department.file.name}* — ${department.agents.length} AI agents on this machine. Things to try:`,
      `• *Say hello right here.* ${frontDesk.name}, the front desk, answers every message in this DM (in a thread).`,
      `• *Write in a team channel* and its lead answers: ${homeLeads.join(', ')}… Each channel's topic says who answers there.`,
      `• *Name anyone, anywhere:* type @ and pick an agent, e.g. \`@${specialist.handle} what should we work on first?\``,
      `• *Type /dept* for the directory, with an Ask button for each agent.`,
      `• *Ask for a blog post*, e.g. \`@content we need a blog post on AI costs for small businesses\` (or \`/dept blog <topic>\`): the content workflow runs in its thread — keyword research, draft, review, checks — and ends in an approval card there and in #${department.file.channels.approvals}. Switch person (top left) to see who may decide.`,
    ].join('\n'),
    ...(opts.rehearsal
      ? { banner: 'Rehearsal model: no ANTHROPIC_API_KEY is set, so agents answer with an offline stand-in (deterministic, not Claude). Set ANTHROPIC_API_KEY and restart to use Claude.' }
      : {}),
  };
}
