import type { AgentDef, Department, DepartmentFile } from '../../src/department/schema.js';

/**
 * A small department built in code (no manifests/ on disk): two executives sharing a home
 * channel, a manager and three specialists sharing another, one with an icon URL.
 */
type Spec = Pick<AgentDef, 'id' | 'name' | 'handle' | 'aliases' | 'layer' | 'reports_to' | 'home_channels' | 'icon'>;

const specs: Spec[] = [
  { id: 'cmo', name: 'CMO', handle: 'cmo', aliases: ['chief'], layer: 'executive', reports_to: 'human', home_channels: ['marketing-leadership'], icon: { emoji: ':briefcase:' } },
  { id: 'content_manager', name: 'Content Manager', handle: 'content', aliases: [], layer: 'management', reports_to: 'vp_marketing', home_channels: ['marketing-content'], icon: { emoji: ':memo:' } },
  { id: 'copywriter', name: 'Copywriter', handle: 'copywriter', aliases: ['writer'], layer: 'specialist', reports_to: 'content_manager', home_channels: ['marketing-content'], icon: { emoji: ':pencil2:' } },
  { id: 'designer', name: 'Designer', handle: 'designer', aliases: [], layer: 'specialist', reports_to: 'content_manager', home_channels: ['marketing-design'], icon: { url: 'https://example.test/designer.png' } },
  { id: 'seo_specialist', name: 'SEO Specialist', handle: 'seo', aliases: [], layer: 'specialist', reports_to: 'content_manager', home_channels: ['marketing-content'], icon: { emoji: ':mag:' } },
  { id: 'vp_marketing', name: 'VP of Marketing', handle: 'vp', aliases: [], layer: 'executive', reports_to: 'cmo', home_channels: ['marketing-leadership'], icon: { emoji: ':compass:' } },
];

/** The department file of the code-built fixtures. */
export const fixtureDepartmentFile: DepartmentFile = {
  name: 'Test Department',
  timezone: 'UTC',
  front_desk: 'vp_marketing',
  channels: { standup: 'dept-standup', approvals: 'dept-approvals', escalations: 'dept-escalations', decisions: 'dept-decisions', published: 'marketing-published' },
  approvers: [],
  models: {
    opus: { id: 'claude-opus-5-5', input_usd_per_mtok: 4, output_usd_per_mtok: 20, cache_write_usd_per_mtok: 5, cache_read_usd_per_mtok: 0.2, max_output_tokens: 16000 },
    sonnet: { id: 'claude-sonnet-5-5', input_usd_per_mtok: 2, output_usd_per_mtok: 10, cache_write_usd_per_mtok: 2.5, cache_read_usd_per_mtok: 0.2, max_output_tokens: 16000 },
    haiku: { id: 'claude-haiku-5-5', input_usd_per_mtok: 0.1, output_usd_per_mtok: 0.5, cache_write_usd_per_mtok: 0.125, cache_read_usd_per_mtok: 0.01, max_output_tokens: 8000 },
  },
  budgets: { thread_agent_turns: 12, thread_spend_usd: 2, daily_spend_usd: 50, agent_daily_spend_usd: 10 },
  limits: { agent_steps: 6, max_message_chars: 3500, history_messages: 40 },
  meetings: {},
  autonomy: { content: {}, decisions: {} },
};

export function departmentFixture(overrides: { maxMessageChars?: number } = {}): Department {
  const agents: AgentDef[] = specs.map((s) => ({
    ...s,
    title: s.name,
    also_reports_to: [],
    model_tier: 'sonnet',
    role: `${s.name} of the test department`,
    responsibilities: [`Be the ${s.name}`],
    expertise: [s.handle],
    authority: { decides: [], consults: [], escalates: [] },
    style: { tone: 'clear', style: 'brief', example: 'On it.' },
    manages: specs.filter((o) => o.reports_to === s.id).map((o) => o.id),
    prompt: `You are the ${s.name}.`,
    source: `/test/manifests/agents/${s.id}.yml`,
  }));
  // Same keys as the loader's index: handle, aliases, id, display name (as is and dashed).
  const byHandle = new Map<string, AgentDef>();
  for (const a of agents) {
    const name = a.name.toLowerCase();
    for (const key of [a.handle, ...a.aliases, a.id, name, name.replace(/\s+/g, '-')]) if (!byHandle.has(key)) byHandle.set(key, a);
  }
  return {
    file: { ...fixtureDepartmentFile, limits: { ...fixtureDepartmentFile.limits, max_message_chars: overrides.maxMessageChars ?? fixtureDepartmentFile.limits.max_message_chars } },
    preamble: 'You work in a marketing department.',
    agents,
    byId: new Map(agents.map((a) => [a.id, a])),
    byHandle,
  };
}

/** Budgets no test reaches unless it means to: for claims in tests about something else. */
export const OPEN_BUDGET = {
  timezone: 'UTC',
  budgets: { thread_agent_turns: 1_000, thread_spend_usd: 1_000, daily_spend_usd: 1_000, agent_daily_spend_usd: 1_000 },
};
