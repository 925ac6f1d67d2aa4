import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDepartment } from '../../../src/department/load.js';
import { ConfigError } from '../../../src/lib/errors.js';
import { copyOfDepartment } from './fixture.js';

/** Loads the broken copy and returns the ConfigError message (fails if it loads or throws anything else). */
function failure(d: ReturnType<typeof copyOfDepartment>): string {
  try {
    loadDepartment(d.manifests, d.prompts);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error('expected loadDepartment to fail');
}

describe('a broken department names file, field and reason', () => {
  it('wrong model tier', () => {
    const d = copyOfDepartment();
    d.edit(d.agentFile('copywriter'), 'model_tier: opus', 'model_tier: gpt-4');
    expect(failure(d)).toBe(`${d.rel(d.agentFile('copywriter'))}: model_tier: must be one of opus, sonnet, haiku`);
  });

  it('unknown reports_to', () => {
    const d = copyOfDepartment();
    d.edit(d.agentFile('copywriter'), 'reports_to: content_manager', 'reports_to: content_manger');
    expect(failure(d)).toMatch(new RegExp(`^${escapeRe(d.rel(d.agentFile('copywriter')))}: reports_to: unknown agent "content_manger"`));
  });

  it('unknown dotted-line manager', () => {
    const d = copyOfDepartment();
    d.edit(d.agentFile('designer'), 'also_reports_to: [social_media_manager]', 'also_reports_to: [social_manager]');
    expect(failure(d)).toContain(`${d.rel(d.agentFile('designer'))}: also_reports_to[0]: unknown agent "social_manager"`);
  });

  it('reporting to oneself', () => {
    const d = copyOfDepartment();
    d.edit(d.agentFile('copywriter'), 'reports_to: content_manager', 'reports_to: copywriter');
    expect(failure(d)).toBe(`${d.rel(d.agentFile('copywriter'))}: reports_to: an agent cannot report to itself`);
  });

  it('a reporting cycle', () => {
    const d = copyOfDepartment();
    d.edit(d.agentFile('content_manager'), 'reports_to: vp_marketing', 'reports_to: copywriter');
    expect(failure(d)).toBe(`${d.rel(d.agentFile('content_manager'))}: reports_to: reporting cycle content_manager → copywriter → content_manager`);
  });

  it('two agents reporting to the human', () => {
    const d = copyOfDepartment();
    d.edit(d.agentFile('vp_marketing'), 'reports_to: cmo', 'reports_to: human');
    const msg = failure(d);
    expect(msg).toMatch(new RegExp(`^${escapeRe(d.rel(d.agentFile('vp_marketing')))}: reports_to: only one agent may report to human`));
    expect(msg).toContain(d.rel(d.agentFile('cmo')));
  });

  it('a top that is not an executive', () => {
    const d = copyOfDepartment();
    d.edit(d.agentFile('cmo'), 'layer: executive', 'layer: management');
    expect(failure(d)).toContain(`${d.rel(d.agentFile('cmo'))}: layer: the agent that reports to human must be in the executive layer`);
  });

  it('a handle used by two agents', () => {
    const d = copyOfDepartment();
    d.edit(d.agentFile('seo_specialist'), 'handle: seo', 'handle: copywriter');
    const msg = failure(d);
    expect(msg).toMatch(new RegExp(`^${escapeRe(d.rel(d.agentFile('seo_specialist')))}: handle: "copywriter" is already used by`));
    expect(msg).toContain(d.rel(d.agentFile('copywriter')));
  });

  it('an alias that is another agent’s handle', () => {
    const d = copyOfDepartment();
    d.edit(d.agentFile('twitter_manager'), 'aliases: [twitter-manager, x]', 'aliases: [twitter-manager, social]');
    const msg = failure(d);
    expect(msg).toContain(`${d.rel(d.agentFile('twitter_manager'))}: aliases[1]: "social" is already used by ${d.rel(d.agentFile('social_media_manager'))} (handle)`);
  });

  it('a missing role prompt', () => {
    const d = copyOfDepartment();
    rmSync(join(d.prompts, 'designer.md'));
    const msg = failure(d);
    expect(msg).toMatch(new RegExp(`^${escapeRe(d.rel(join(d.prompts, 'designer.md')))}: missing role prompt for agent designer`));
  });

  it('a missing preamble', () => {
    const d = copyOfDepartment();
    rmSync(join(d.prompts, '_preamble.md'));
    expect(failure(d)).toContain(`${d.rel(join(d.prompts, '_preamble.md'))}: missing shared department preamble`);
  });

  it('a YAML syntax error, with its line', () => {
    const d = copyOfDepartment();
    d.edit(d.agentFile('designer'), 'aliases: [design]', 'aliases: [design');
    expect(failure(d)).toMatch(new RegExp(`^${escapeRe(d.rel(d.agentFile('designer')))}: line \\d+, column \\d+: YAML syntax error: `));
  });

  it('an id that differs from the file name', () => {
    const d = copyOfDepartment();
    d.edit(d.agentFile('copywriter'), 'id: copywriter', 'id: writer');
    expect(failure(d)).toBe(`${d.rel(d.agentFile('copywriter'))}: id: "writer" must equal the file name "copywriter" (rename the file or fix the id)`);
  });

  it('a misspelt field, a missing field and a bad nested field', () => {
    const d = copyOfDepartment();
    d.edit(d.agentFile('copywriter'), 'home_channels:', 'home_channel:');
    expect(failure(d)).toContain(`${d.rel(d.agentFile('copywriter'))}: home_channel: unknown field`);

    const e = copyOfDepartment();
    e.edit(e.agentFile('copywriter'), /^title: .*\n/m, '');
    expect(failure(e)).toBe(`${e.rel(e.agentFile('copywriter'))}: title: is required`);

    const f = copyOfDepartment();
    f.edit(join(f.manifests, 'department.yml'), 'thread_agent_turns: 12', 'thread_agent_turns: many');
    expect(failure(f)).toBe(`${f.rel(join(f.manifests, 'department.yml'))}: budgets.thread_agent_turns: must be a number`);
  });

  it('a front desk or meeting lead that is not an agent', () => {
    const d = copyOfDepartment();
    const file = join(d.manifests, 'department.yml');
    d.edit(file, 'front_desk: vp_marketing', 'front_desk: receptionist');
    expect(failure(d)).toContain(`${d.rel(file)}: front_desk: unknown agent "receptionist"`);

    const e = copyOfDepartment();
    const file2 = join(e.manifests, 'department.yml');
    e.edit(file2, 'lead: cmo', 'lead: ceo');
    expect(failure(e)).toContain(`${e.rel(file2)}: meetings.monthly_review.lead: unknown agent "ceo"`);
  });
});

describe('growing the department', () => {
  it('takes a new specialist from a manifest and a prompt, no code', () => {
    const d = copyOfDepartment();
    writeFileSync(
      d.agentFile('video_producer'),
      [
        'id: video_producer',
        'name: Video Producer',
        'title: Video Producer',
        'handle: video',
        'layer: specialist',
        'reports_to: content_manager',
        'model_tier: haiku',
        'role: Scripts and storyboards short videos.',
        'responsibilities: [Script short videos, Storyboard explainers]',
        'expertise: [video, storyboard, youtube]',
        'authority: { decides: [Shot lists], consults: [Copywriter on scripts], escalates: [] }',
        'style: { tone: Visual, style: Brief and concrete, example: "Two storyboards attached." }',
        'home_channels: [marketing-content]',
        'icon: { emoji: ":movie_camera:" }',
        '',
      ].join('\n'),
    );
    writeFileSync(join(d.prompts, 'video_producer.md'), 'You make short marketing videos for the department.\n');
    const dept = loadDepartment(d.manifests, d.prompts);
    expect(dept.agents).toHaveLength(15);
    expect(dept.byHandle.get('video')?.id).toBe('video_producer');
    expect(dept.byId.get('content_manager')!.manages).toContain('video_producer');
  });
});

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
