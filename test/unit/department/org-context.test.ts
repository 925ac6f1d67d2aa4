import { describe, expect, it } from 'vitest';
import { loadDepartment } from '../../../src/department/load.js';
import { systemPromptFor } from '../../../src/department/org-context.js';
import { MANIFESTS, PROMPTS } from './fixture.js';

describe('systemPromptFor', () => {
  const dept = loadDepartment(MANIFESTS, PROMPTS);

  it('starts with the preamble, then the role prompt', () => {
    const p = systemPromptFor(dept, 'copywriter');
    expect(p.startsWith(dept.preamble)).toBe(true);
    expect(p).toContain(dept.byId.get('copywriter')!.prompt);
  });

  it('tells the agent its manager, its reports, its peers and the whole directory', () => {
    const p = systemPromptFor(dept, 'content_manager');
    expect(p).toContain('You report to: VP of Marketing (`vp_marketing`)');
    expect(p).toMatch(/You manage: .*Copywriter \(`copywriter`\).*/);
    expect(p).toMatch(/You manage: .*SEO Specialist \(`seo_specialist`\)/);
    expect(p).toMatch(/You manage: .*Designer \(`designer`\)/);
    expect(p).toMatch(/Your peers \(same manager\): .*Social Media Manager \(`social_media_manager`\)/);
    const directory = p.split('\n').filter((l) => /^\s*- `[a-z_]+`: /.test(l));
    expect(directory).toHaveLength(dept.agents.length);
    for (const a of dept.agents) {
      const line = directory.find((l) => l.includes(`\`${a.id}\`: ${a.name}`));
      expect(line, a.id).toContain(`@${a.handle}`);
      expect(line, a.id).toContain(a.role);
    }
  });

  it('shows the top and dotted lines', () => {
    expect(systemPromptFor(dept, 'cmo')).toContain('You report to: the human executive team');
    expect(systemPromptFor(dept, 'designer')).toContain('dotted line): Social Media Manager (`social_media_manager`)');
    expect(systemPromptFor(dept, 'social_media_manager')).toMatch(/You manage: .*Designer/);
  });

  it('includes authority and voice', () => {
    const a = dept.byId.get('director_of_communications')!;
    const p = systemPromptFor(dept, a.id);
    for (const line of [...a.authority.decides, ...a.authority.escalates]) expect(p).toContain(line);
    expect(p).toContain(a.style.example);
    expect(p).toContain('blog_post L3');
  });

  it('is stable: same department, same text (prompt caching depends on it)', () => {
    const again = loadDepartment(MANIFESTS, PROMPTS);
    for (const a of dept.agents) expect(systemPromptFor(again, a.id)).toBe(systemPromptFor(dept, a.id));
  });

  it('rejects an unknown agent', () => {
    expect(() => systemPromptFor(dept, 'intern')).toThrow(/unknown agent/);
  });
});
