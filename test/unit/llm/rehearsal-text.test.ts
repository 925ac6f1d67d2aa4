import { describe, expect, it } from 'vitest';
import { REHEARSAL_NOTE, mentionsPhrase, stripNote, topicOf } from '../../../src/llm/rehearsal/text.js';

describe('mentionsPhrase', () => {
  it('matches whole words, case-insensitively, tolerating a plural', () => {
    expect(mentionsPhrase('Need a Blog post', 'blog')).toBe(true);
    expect(mentionsPhrase('three blogs this week', 'blog')).toBe(true);
    expect(mentionsPhrase('ask the blogger', 'blog')).toBe(false);
    expect(mentionsPhrase('weblog', 'blog')).toBe(false);
  });

  it('matches multi-word expertise as a phrase', () => {
    expect(mentionsPhrase('write the meta\n description too', 'meta description')).toBe(true);
    expect(mentionsPhrase('meta tags and a description', 'meta description')).toBe(false);
    expect(mentionsPhrase('run an A/B test (email)', 'a/b test')).toBe(true);
  });
});

describe('topicOf', () => {
  it('skips greetings and trims the first real sentence', () => {
    expect(topicOf('Morning team! Need a blog post on AI cost reduction. Target: directors.')).toBe('Blog post on AI cost reduction');
  });
  it('drops the wording of the ask', () => {
    expect(topicOf('Can you please write a short case study about our onboarding?')).toBe('Short case study about our onboarding');
    expect(topicOf('We need an email sequence for trial users')).toBe('Email sequence for trial users');
  });
  it('prefers an explicit Topic line, then a quoted title', () => {
    expect(topicOf(`Hi.\n*Topic:* Q4 launch\n${REHEARSAL_NOTE}`)).toBe('Q4 launch');
    expect(topicOf('Create blog post "5 Ways AI Reduces Marketing Costs" by Friday')).toBe('5 Ways AI Reduces Marketing Costs');
  });
  it('drops Slack mention markup and the rehearsal note', () => {
    expect(topicOf('<@U123> please draft the spring newsletter intro')).toBe('Spring newsletter intro');
    expect(stripNote(`Done.\n${REHEARSAL_NOTE}`)).toBe('Done.');
  });
});
