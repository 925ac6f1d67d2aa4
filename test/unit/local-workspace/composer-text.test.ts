import { describe, expect, it } from 'vitest';
import { mentionQuery, parseCommand, toSlackText } from '../../../src/local-workspace/client/composer-text.js';

describe('composer text', () => {
  it('sends Slack-formatted text: escapes, chosen mentions as <@U…>, links wrapped', () => {
    const tokens = new Map([['@Marketing Dept', '<@U0LOCALBOT>']]);
    expect(toSlackText('@Marketing Dept content: a <b> & c https://x.com/a?b=1&c=2', tokens)).toBe(
      '<@U0LOCALBOT> content: a &lt;b&gt; &amp; c <https://x.com/a?b=1&amp;c=2>',
    );
    expect(toSlackText('@copywriter draft it')).toBe('@copywriter draft it');
  });

  it('recognises only the configured slash commands', () => {
    expect(parseCommand('/dept status  now', ['/dept'])).toEqual({ command: '/dept', text: 'status  now' });
    expect(parseCommand('/dept', ['/dept'])).toEqual({ command: '/dept', text: '' });
    expect(parseCommand('/other x', ['/dept'])).toBeNull();
  });

  it('finds the @word being typed', () => {
    expect(mentionQuery('hello @cop', 10)).toEqual({ query: 'cop', start: 6 });
    expect(mentionQuery('@', 1)).toEqual({ query: '', start: 0 });
    expect(mentionQuery('mail a@b', 8)).toBeNull();
  });
});
