import type { AgentDef, Department } from '../../../src/department/schema.js';
import { fixtureDepartmentFile } from '../../support/department-fixture.js';

/** A small department built in code, so these tests do not depend on manifests/. */
type Spec = Pick<AgentDef, 'id' | 'name' | 'layer' | 'reports_to' | 'responsibilities' | 'expertise'> & { decides?: string[] };

const specs: Spec[] = [
  { id: 'vp_marketing', name: 'VP of Marketing', layer: 'executive', reports_to: 'human', responsibilities: ['Translate strategy into tactical plans', 'Manage Content Manager', 'Monitor KPIs and report to CMO'], expertise: ['strategy', 'plan', 'campaign'], decides: ['Campaign timelines', 'Content approval'] },
  { id: 'content_manager', name: 'Content Manager', layer: 'management', reports_to: 'vp_marketing', responsibilities: ['Content calendar planning and management', 'Editorial standards and quality control', 'Manage Copywriter, SEO Specialist, Designer agents'], expertise: ['content', 'editorial', 'calendar'], decides: ['Content topics and formats'] },
  { id: 'copywriter', name: 'Copywriter', layer: 'specialist', reports_to: 'content_manager', responsibilities: ['Write blog posts, articles, case studies', 'Create social media copy', 'Draft email content'], expertise: ['blog', 'article', 'copy', 'case study'] },
  { id: 'seo_specialist', name: 'SEO Specialist', layer: 'specialist', reports_to: 'content_manager', responsibilities: ['Keyword research and strategy', 'On-page SEO optimization', 'Meta descriptions for search'], expertise: ['blog', 'seo', 'keyword', 'meta description'] },
  { id: 'designer', name: 'Designer', layer: 'specialist', reports_to: 'content_manager', responsibilities: ['Create social media graphics', 'Blog post featured images'], expertise: ['header image', 'graphic', 'infographic'] },
];

const file = fixtureDepartmentFile;

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
