import { describe, expect, it } from 'vitest';
import { mrkdwnFromMarkdown } from '../../../src/slack/mrkdwn-from-markdown.js';

describe('mrkdwnFromMarkdown', () => {
  it('turns a Markdown blog post into mrkdwn Slack renders', () => {
    const post = [
      '# How AI cuts marketing costs',
      '',
      'Teams spend **40%** less on __routine__ work. ~~Old way~~ is gone.',
      '',
      '## Three ways',
      '- Automate reports',
      '* Draft faster',
      '  - nested item',
      '',
      'Read [the study](https://example.com/study?x=1) for details.',
    ].join('\n');
    expect(mrkdwnFromMarkdown(post)).toBe(
      [
        '*How AI cuts marketing costs*',
        '',
        'Teams spend *40%* less on *routine* work. ~Old way~ is gone.',
        '',
        '*Three ways*',
        '• Automate reports',
        '• Draft faster',
        '  • nested item',
        '',
        'Read <https://example.com/study?x=1|the study> for details.',
      ].join('\n'),
    );
  });

  it('leaves code, mrkdwn and mentions as they are', () => {
    const text = 'Use `**not bold**` here.\n```\n# not a heading\n- not a bullet **x**\n```\n*already bold* _italic_ <https://a.b|link> <@U123> snake_case_name 2*3*4';
    expect(mrkdwnFromMarkdown(text)).toBe(text);
  });

  it('a heading with bold inside becomes one bold line', () => {
    expect(mrkdwnFromMarkdown('### **Key** results ###')).toBe('*Key results*');
  });
});
