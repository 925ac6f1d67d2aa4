import type { AgentDef, Department, DepartmentFile } from '../../../src/department/schema.js';

/** A small department built in code, so these tests do not depend on manifests/. */
type Spec = Pick<AgentDef, 'id' | 'name' | 'layer' | 'reports_to' | 'responsibilities' | 'expertise'> & { decides?: string[] };

const specs: Spec[] = [
  { id: 'vp_marketing', name: 'VP of Marketing', layer: 'executive', reports_to: 'human', responsibilities: ['Translate strategy into tactical plans', 'Manage Content Manager', 'Monitor KPIs and report to CMO'], expertise: ['strategy', 'plan', 'campaign'], decides: ['Campaign timelines', 'Content approval'] },
  { id: 'content_manager', name: 'Content Manager', layer: 'management', reports_to: 'vp_marketing', responsibilities: ['Content calendar planning and management', 'Editorial standards and quality control', 'Manage Copywriter, SEO Specialist, Designer agents'], expertise: ['content', 'editorial', 'calendar'], decides: ['Content topics and formats'] },
  { id: 'copywriter', name: 'Copywriter', layer: 'specialist', reports_to: 'content_manager', responsibilities: ['Write blog posts, articles, case studies', 'Create social media copy', 'Draft email content'], expertise: ['blog', 'article', 'copy', 'case study'] },
  { id: 'seo_specialist', name: 'SEO Specialist', layer: 'specialist', reports_to: 'content_manager', responsibilities: ['Keyword research and strategy', 'On-page SEO optimization', 'Meta descriptions for search'], expertise: ['blog', 'seo', 'keyword', 'meta description'] },
  { id: 'designer', name: 'Designer', layer: 'specialist', reports_to: 'content_manager', responsibilities: ['Create social media graphics', 'Blog post featured images'], expertise: ['header image', 'graphic', 'infographic'] },
];

const file: DepartmentFile = {
  name: 'Test Department',
  timezone: 'UTC',
  front_desk: 'vp_marketing',
  channels: { standup: 'standup', approvals: 'approvals', escalations: 'escalations', decisions: 'decisions' },
  approvers: [],
  models: {
    opus: { id: 'claude-opus-4-5', input_usd_per_mtok: 5, output_usd_per_mtok: 25 },
    sonnet: { id: 'claude-sonnet-4-5', input_usd_per_mtok: 3, output_usd_per_mtok: 15 },
    haiku: { id: 'claude-haiku-4-5', input_usd_per_mtok: 1, output_usd_per_mtok: 5 },
  },
  cache_pricing: { write_multiplier: 1.25, read_multiplier: 0.1 },
  budgets: { thread_agent_turns: 12, thread_spend_usd: 2, daily_spend_usd: 50, agent_daily_spend_usd: 10 },
  limits: { agent_steps: 6, max_output_tokens: 1500, max_message_chars: 3500, history_messages: 40 },
  meetings: {},
  autonomy: {},
};

export function testDepartment(): Department {
  const agents: AgentDef[] = specs.map(({ decides = [], ...s }) => ({
    ...s,
    title: s.name,
    handle: s.id.replace(/_/g, '-'),
    aliases: [],
    also_reports_to: [],
    model_tier: 'sonnet',
    role: `${s.name} of the test department`,
    authority: { decides, consults: [], escalates: [] },
    style: { tone: 'clear', style: 'brief', example: 'On it.' },
    home_channels: [],
    icon: { emoji: ':memo:' },
    manages: specs.filter((o) => o.reports_to === s.id).map((o) => o.id),
    prompt: `You are the ${s.name}.`,
    source: `/test/${s.id}.yml`,
  }));
  const byId = new Map(agents.map((a) => [a.id, a]));
  const byHandle = new Map(agents.flatMap((a) => [[a.handle, a] as const, [a.id, a] as const, [a.name.toLowerCase(), a] as const]));
  return { file, preamble: 'You work in a marketing department.', agents, byId, byHandle };
}
