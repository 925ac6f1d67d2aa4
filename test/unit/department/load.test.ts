import { describe, expect, it } from 'vitest';
import { loadDepartment } from '../../../src/department/load.js';
import { MANIFESTS, PROMPTS } from './fixture.js';

const IDS = [
  'cmo',
  'vp_marketing',
  'director_of_communications',
  'content_manager',
  'social_media_manager',
  'campaign_manager',
  'copywriter',
  'seo_specialist',
  'designer',
  'analytics_specialist',
  'email_specialist',
  'linkedin_manager',
  'twitter_manager',
  'market_research',
];

describe('the real department', () => {
  const dept = loadDepartment(MANIFESTS, PROMPTS);

  it('has the fourteen agents, each with its prompt', () => {
    expect(dept.agents).toHaveLength(14);
    expect([...dept.byId.keys()].sort()).toEqual([...IDS].sort());
    for (const a of dept.agents) expect(a.prompt.length, a.id).toBeGreaterThan(400);
    expect(dept.preamble).toContain('submit_deliverable');
  });

  it('reads department.yml', () => {
    expect(dept.file.front_desk).toBe('vp_marketing');
    expect(dept.file.timezone).toBe('America/New_York');
    expect(dept.file.models.opus.id).toBe('claude-opus-5-5');
    expect(dept.file.autonomy.content).toMatchObject({ daily_social_post: { level: 'L4' }, blog_post: { level: 'L3' }, brand_messaging: { level: 'L2' }, legal: { level: 'L1' } });
    expect(Object.keys(dept.file.meetings).sort()).toEqual(['monthly_review', 'quarterly_planning', 'standup', 'weekly_planning']);
  });

  it('puts agents on the model tiers of the LLM strategy', () => {
    const tier = (id: string) => dept.byId.get(id)!.model_tier;
    expect(['cmo', 'vp_marketing', 'director_of_communications', 'copywriter'].map(tier)).toEqual(['opus', 'opus', 'opus', 'opus']);
    expect(['designer', 'email_specialist', 'linkedin_manager', 'twitter_manager'].map(tier)).toEqual(['haiku', 'haiku', 'haiku', 'haiku']);
    expect(tier('market_research')).toBe('sonnet');
  });

  it('resolves handles, aliases, ids and display names', () => {
    const who = (key: string) => dept.byHandle.get(key)?.id;
    expect(who('vp')).toBe('vp_marketing');
    expect(who('vp-marketing')).toBe('vp_marketing');
    expect(who('comms')).toBe('director_of_communications');
    expect(who('director-of-communications')).toBe('director_of_communications');
    expect(who('seo')).toBe('seo_specialist');
    expect(who('seo specialist')).toBe('seo_specialist');
    expect(who('research')).toBe('market_research');
    expect(who('content_manager')).toBe('content_manager');
    expect(who('social-media-manager')).toBe('social_media_manager');
    for (const a of dept.agents) expect(who(a.handle)).toBe(a.id);
  });

  it('routes by expertise: the matching direct reports get the work (a blog post needs copywriter and SEO)', () => {
    // Same rule as the runtime: whole word or phrase, case-insensitive, plural tolerated.
    const esc = (w: string) => w.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&').replace(/\s+/g, '\\s+');
    const matches = (word: string, text: string) => new RegExp(`(?<![\\p{L}\\p{N}_])${esc(word)}(?:e?s)?(?![\\p{L}\\p{N}_])`, 'iu').test(text);
    const route = (managerId: string, text: string) =>
      dept.byId
        .get(managerId)!
        .manages.filter((id) => dept.byId.get(id)!.expertise.some((w) => matches(w, text)))
        .sort();
    expect(route('content_manager', 'Please write a blog post on AI ROI')).toEqual(['copywriter', 'seo_specialist']);
    expect(route('content_manager', 'We need an infographic for the report')).toEqual(['designer']);
    expect(route('vp_marketing', 'We need a blog post about our launch')).toEqual(['campaign_manager', 'content_manager']);
    expect(route('vp_marketing', 'Draft a tweet for Friday')).toEqual(['social_media_manager']);
    expect(route('vp_marketing', 'Set up a nurture email sequence')).toEqual(['campaign_manager']);
    expect(route('social_media_manager', 'A LinkedIn post and a graphic')).toEqual(['designer', 'linkedin_manager']);
    expect(route('campaign_manager', 'Write the monthly newsletter')).toEqual(['email_specialist']);
    expect(route('cmo', 'What are competitors doing in our market?')).toEqual(['market_research']);
    expect(route('cmo', 'How did our social media KPIs perform last quarter?')).toEqual(['analytics_specialist']);
    for (const a of dept.agents) for (const w of a.expertise) expect(w, a.id).toBe(w.toLowerCase());
  });
});
