import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDepartment } from '../../../src/department/load.js';
import { ConfigError } from '../../../src/lib/errors.js';
import { copyOfDepartment } from './fixture.js';

/** Breaks the autonomy policy of a copy of the real department.yml; returns the start-up message. */
function failureAfter(from: string, to: string): { message: string; file: string } {
  const d = copyOfDepartment();
  const path = join(d.manifests, 'department.yml');
  d.edit(path, from, to);
  try {
    loadDepartment(d.manifests, d.prompts);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return { message: (err as Error).message, file: d.rel(path) };
  }
  throw new Error('expected loadDepartment to fail');
}

function expectFailure(from: string, to: string, field: string, reason: string | RegExp) {
  const { message, file } = failureAfter(from, to);
  if (typeof reason === 'string') expect(message).toBe(`${file}: ${field}: ${reason}`);
  else {
    expect(message.startsWith(`${file}: ${field}: `), message).toBe(true);
    expect(message).toMatch(reason);
  }
}

describe('a mistake in the autonomy policy names the field', () => {
  it('a level outside L1–L4', () => {
    expectFailure('blog_post:            { level: L3', 'blog_post:            { level: L5', 'autonomy.content.blog_post.level', 'must be one of L1, L2, L3, L4');
  });

  it('a role that does not exist', () => {
    expectFailure(
      'campaign_email:       { level: L3, specialist: execute, manager: approve }',
      'campaign_email:       { level: L3, specialist: execute, manager: rubber_stamp }',
      'autonomy.content.campaign_email.manager',
      /^.*must be one of execute, consult, informed, propose, recommend, decide, approve, final_approval, flag, escalate$/,
    );
  });

  it('a rank that does not exist', () => {
    expectFailure(
      'blog_post_topics:   { level: L4, specialist: consult, manager: decide }',
      'blog_post_topics:   { level: L4, specialist: consult, manager: decide, director: informed }',
      'autonomy.decisions.blog_post_topics.director',
      "unknown rank (ranks are specialist, manager, vp, cmo; the human's part follows from level)",
    );
  });

  it('a human column, which the level sets', () => {
    expectFailure(
      'major_initiatives:  { level: L3,',
      'major_initiatives:  { level: L3, human: final_approval,',
      'autonomy.decisions.major_initiatives.human',
      /the human's part follows from level .*remove "human" and set level instead/,
    );
  });

  it('two ranks deciding one decision', () => {
    expectFailure(
      'content_calendar:   { level: L4, specialist: consult, manager: decide, vp: informed }',
      'content_calendar:   { level: L4, specialist: consult, manager: decide, vp: decide }',
      'autonomy.decisions.content_calendar.vp',
      'only one rank may decide, and manager already does (make one of them propose, recommend or approve)',
    );
  });

  it('an agent deciding at L1', () => {
    expectFailure(
      'legal_compliance:   { level: L1, manager: flag, vp: escalate, cmo: escalate }',
      'legal_compliance:   { level: L1, manager: flag, vp: escalate, cmo: decide }',
      'autonomy.decisions.legal_compliance.cmo',
      'at level L1 humans decide: an agent rank may propose, recommend or approve, not decide',
    );
  });

  it('an L4 row where nobody acts', () => {
    expectFailure(
      'daily_social_posts: { level: L4, specialist: execute, manager: informed }',
      'daily_social_posts: { level: L4, specialist: consult, manager: informed }',
      'autonomy.decisions.daily_social_posts.level',
      'at level L4 no human is asked, so some rank must execute, decide or approve',
    );
  });

  it('an escalation nobody above takes', () => {
    expectFailure(
      'legal_compliance:   { level: L1,',
      'legal_compliance:   { level: L2,',
      'autonomy.decisions.legal_compliance.manager',
      'flag needs someone above to take it: give a higher rank decide or approve, or use level L3 or L1 so a human does',
    );
  });

  it('a kind of content that is not snake_case', () => {
    expectFailure('    routine_email:  ', '    Routine-Email:  ', 'autonomy.content.Routine-Email', 'must be snake_case like blog_post');
  });

  it('the old flat form (kind: level)', () => {
    expectFailure('autonomy:\n', 'autonomy:\n  blog_post: L3\n', 'autonomy.blog_post', 'unknown field (allowed fields are in src/department/schema.ts)');
  });
});
