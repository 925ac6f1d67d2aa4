import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { authorityFor, autonomyFor, decisionPolicyFor, rankOf } from '../../../src/department/autonomy.js';
import { loadDepartment } from '../../../src/department/load.js';
import { departmentFixture } from '../../support/department-fixture.js';
import { copyOfDepartment, MANIFESTS, PROMPTS } from './fixture.js';

const dept = loadDepartment(MANIFESTS, PROMPTS);

describe('autonomy of the seed defaults (§1.3)', () => {
  it('levels per kind of content', () => {
    const levels = Object.fromEntries(
      ['daily_social_post', 'routine_email', 'blog_post', 'campaign_email', 'strategic_campaign', 'brand_messaging', 'crisis_communication', 'legal'].map((t) => [t, autonomyFor(dept, t).level]),
    );
    expect(levels).toEqual({
      daily_social_post: 'L4',
      routine_email: 'L4',
      blog_post: 'L3',
      campaign_email: 'L3',
      strategic_campaign: 'L2',
      brand_messaging: 'L2',
      crisis_communication: 'L1',
      legal: 'L1',
    });
  });

  it('the human part follows from the level', () => {
    expect(autonomyFor(dept, 'daily_social_post')).toMatchObject({
      kind: 'content',
      listed: true,
      roles: { specialist: 'execute', manager: 'informed', vp: 'none', cmo: 'none', human: 'informed' },
      approvers: [],
      decider: null,
    });
    expect(autonomyFor(dept, 'blog_post')).toMatchObject({ roles: { manager: 'approve', human: 'approve' }, approvers: ['manager', 'human'] });
    expect(autonomyFor(dept, 'strategic_campaign').roles.human).toBe('collaborate');
    expect(autonomyFor(dept, 'crisis_communication')).toMatchObject({ decider: 'human', roles: { vp: 'propose', human: 'decide' } });
  });
});

describe('authority per decision (§4.1)', () => {
  it('maps agents to the matrix columns by layer; the top executive is the CMO, other executives VP-level', () => {
    const ranks = Object.fromEntries(dept.agents.map((a) => [a.id, rankOf(dept, a.id)]));
    expect(ranks).toMatchObject({
      cmo: 'cmo',
      vp_marketing: 'vp',
      director_of_communications: 'vp',
      content_manager: 'manager',
      campaign_manager: 'manager',
      social_media_manager: 'manager',
      copywriter: 'specialist',
      market_research: 'specialist',
    });
    expect(Object.values(ranks)).not.toContain(undefined);
    expect(rankOf(dept, 'nobody')).toBeUndefined();
  });

  it('what each rank may do, by agent or by rank', () => {
    expect(authorityFor(dept, 'blog_post_topics', 'content_manager')).toMatchObject({ rank: 'manager', role: 'decide', mustEscalate: false });
    expect(authorityFor(dept, 'blog_post_topics', 'copywriter').role).toBe('consult');
    expect(authorityFor(dept, 'campaign_strategy', 'vp_marketing').role).toBe('approve');
    expect(authorityFor(dept, 'budget_allocation', 'cmo').role).toBe('approve');
    expect(authorityFor(dept, 'brand_positioning', 'human').role).toBe('informed');
    expect(authorityFor(dept, 'major_initiatives', 'human').role).toBe('approve');
    expect(authorityFor(dept, 'daily_social_posts', 'vp').role).toBe('none');
  });

  it('legal and compliance: managers flag, executives escalate, the human decides', () => {
    expect(authorityFor(dept, 'legal_compliance', 'social_media_manager')).toMatchObject({ role: 'flag', mustEscalate: true });
    expect(authorityFor(dept, 'legal_compliance', 'director_of_communications')).toMatchObject({ rank: 'vp', role: 'escalate', mustEscalate: true });
    expect(authorityFor(dept, 'legal_compliance', 'cmo').mustEscalate).toBe(true);
    expect(authorityFor(dept, 'legal_compliance', 'human')).toMatchObject({ role: 'decide', mustEscalate: false });
    expect(decisionPolicyFor(dept, 'legal_compliance')).toMatchObject({ level: 'L1', decider: 'human' });
  });

  it('a name that is neither an agent nor a rank is a caller bug', () => {
    expect(() => authorityFor(dept, 'blog_post_topics', 'intern')).toThrow(/"intern" is neither an agent of the department nor a rank/);
  });
});

describe('unlisted kinds get the safe default: L2, every agent escalates', () => {
  it('for content and decisions, including names every object inherits', () => {
    for (const policy of [autonomyFor(dept, 'podcast_episode'), decisionPolicyFor(dept, 'office_move'), autonomyFor(dept, 'constructor')]) {
      expect(policy).toMatchObject({
        listed: false,
        level: 'L2',
        roles: { specialist: 'escalate', manager: 'escalate', vp: 'escalate', cmo: 'escalate', human: 'collaborate' },
        approvers: [],
        decider: null,
      });
    }
    expect(authorityFor(dept, 'office_move', 'cmo')).toMatchObject({ role: 'escalate', mustEscalate: true });
  });

  it('a department file without a policy (the code-built fixture)', () => {
    expect(autonomyFor(departmentFixture(), 'blog_post')).toMatchObject({ listed: false, level: 'L2' });
  });
});

describe('the policy is configuration', () => {
  it('changing a level in department.yml changes the lookup, no code change', () => {
    const d = copyOfDepartment();
    const file = join(d.manifests, 'department.yml');
    d.edit(file, 'blog_post:            { level: L3', 'blog_post:            { level: L4');
    d.edit(file, 'campaign_strategy:  { level: L4', 'campaign_strategy:  { level: L2');
    const edited = loadDepartment(d.manifests, d.prompts);
    expect(autonomyFor(edited, 'blog_post')).toMatchObject({ level: 'L4', approvers: ['manager'], roles: { human: 'informed' } });
    expect(authorityFor(edited, 'campaign_strategy', 'human').role).toBe('collaborate');
    expect(autonomyFor(dept, 'blog_post').level).toBe('L3');
  });
});
