import { describe, expect, it } from 'vitest';
import { escapeHtml, isSafeUrl, renderMrkdwn, renderPlain, renderTextObject } from '../../../src/local-workspace/client/mrkdwn.js';

const lookup = {
  user: (id: string) => ({ U1: 'Alex Rivera', U2: '<img src=x onerror=alert(1)>' })[id],
  channel: (id: string) => ({ C1: 'dept-approvals' })[id],
};

/** Every tag in the output is one the renderer makes, with only its own attributes and safe links. */
function expectOnlyOwnMarkup(html: string): void {
  const allowed = /^<\/?(strong|em|del|code|pre|blockquote|br|a|span)(\s+(class|href|target|rel|title|data-user-id|data-channel-id)="[^"<>]*")*\s*>$/;
  for (const tag of html.match(/<[^>]*>/g) ?? []) expect(tag).toMatch(allowed);
  for (const [, href] of html.matchAll(/href="([^"]*)"/g)) expect(href).toMatch(/^(https?:\/\/|mailto:)/i);
  // Literal text like "javascript:" may show (escaped); no tag may carry it.
  expect(html).not.toMatch(/<(script|img|iframe|svg)/i);
}

describe('renderMrkdwn', () => {
  it('formats bold, italic, strike, code, code blocks, quotes and line breaks', () => {
    expect(renderMrkdwn('*bold* _italic_ ~gone~ `x = 1`')).toBe('<strong>bold</strong> <em>italic</em> <del>gone</del> <code class="mrkdwn-code">x = 1</code>');
    expect(renderMrkdwn('```\nconst a = 1;\n*not bold*\n```')).toBe('<pre class="mrkdwn-pre">const a = 1;\n*not bold*\n</pre>');
    expect(renderMrkdwn('&gt; quoted\n&gt; twice\nafter')).toBe('<blockquote>quoted<br>twice</blockquote>after');
    expect(renderMrkdwn('one\ntwo')).toBe('one<br>two');
    expect(renderMrkdwn('snake_case_name and 2*3*4')).toBe('snake_case_name and 2*3*4');
  });

  it('renders links (http/https/mailto only), mentions, channels and special mentions', () => {
    expect(renderMrkdwn('<https://example.com/a?b=1&amp;c=2|the *site*>')).toBe(
      '<a href="https://example.com/a?b=1&amp;c=2" target="_blank" rel="noopener noreferrer nofollow">the *site*</a>',
    );
    expect(renderMrkdwn('<https://example.com>')).toContain('>https://example.com</a>');
    expect(renderMrkdwn('hi <@U1> in <#C1> and <#C9|fallback> <!here>', lookup)).toBe(
      'hi <span class="mention" data-user-id="U1">@Alex Rivera</span> in <span class="channel-link" data-channel-id="C1">#dept-approvals</span> and <span class="channel-link" data-channel-id="C9">#fallback</span> <span class="mention">@here</span>',
    );
    expect(renderMrkdwn('<@U9|sam>')).toContain('@sam');
  });

  it('draws known emoji shortcodes and leaves unknown ones as text', () => {
    expect(renderMrkdwn(':rocket: :not_an_emoji_here: 10:30:45')).toBe('<span class="emoji" title=":rocket:">🚀</span> :not_an_emoji_here: 10:30:45');
  });

  it('shows Slack-escaped characters as the characters they are', () => {
    expect(renderMrkdwn('a &lt; b &amp;&amp; c &gt; d')).toBe('a &lt; b &amp;&amp; c &gt; d');
    expect(renderMrkdwn('&amp;lt;')).toBe('&amp;lt;');
  });

  const hostile = [
    '<script>alert(1)</script>',
    '&lt;script&gt;alert(1)&lt;/script&gt;',
    '<img src=x onerror=alert(1)>',
    '&lt;img src=x onerror=alert(1)&gt;',
    '<javascript:alert(1)|click me>',
    '<JaVaScRiPt:alert(1)>',
    '<data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==|x>',
    '<https://ok.com" onmouseover="alert(1)|x>',
    "<https://ok.com' onmouseover='alert(1)|x>",
    '<https://ok.com|<script>alert(1)</script>>',
    '<https://ok.com|x" onclick="alert(1)>',
    '*<b onclick="alert(1)">bold</b>*',
    '_<i>x</i>_ ~<s>y</s>~',
    '`<script>alert(1)</script>`',
    '```<iframe src="javascript:alert(1)"></iframe>```',
    '&gt; <svg onload=alert(1)>',
    '<@U2>',
    '<@U1|"><script>alert(1)</script>>',
    '<#C1|<img src=x>>',
    '<!date^1392734382^{date}|<img src=x onerror=alert(1)>>',
    '\uE0000\uE001<script>x</script>',
    ':smile:" onload="alert(1)',
    '<https://ok.com/\u0000|x>',
    '*_~`<a href="javascript:alert(1)">x</a>`~_*',
  ];
  it.each(hostile)('never lets HTML through: %s', (input) => {
    expectOnlyOwnMarkup(renderMrkdwn(input, lookup));
  });

  it('escapes a mentioned user\'s name', () => {
    expect(renderMrkdwn('<@U2>', lookup)).toBe('<span class="mention" data-user-id="U2">@&lt;img src=x onerror=alert(1)&gt;</span>');
  });

  it('shows unknown control sequences as literal text', () => {
    expect(renderMrkdwn('<script>alert(1)</script>')).toBe('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(renderMrkdwn('<javascript:alert(1)|click me>')).toBe('&lt;javascript:alert(1)|click me&gt;');
  });
});

describe('plain text and helpers', () => {
  it('escapes plain_text, draws emoji and keeps line breaks', () => {
    expect(renderPlain('<b>Approve</b> :white_check_mark:\nnow')).toBe('&lt;b&gt;Approve&lt;/b&gt; <span class="emoji" title=":white_check_mark:">✅</span><br>now');
    expect(renderPlain(':rocket:', { emoji: false })).toBe(':rocket:');
    expect(renderTextObject({ type: 'mrkdwn', text: '*x*' })).toBe('<strong>x</strong>');
    expect(renderTextObject({ type: 'plain_text', text: '*x*' })).toBe('*x*');
    expect(renderTextObject(null)).toBe('');
  });

  it('escapes every HTML-significant character', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });

  it('accepts only http(s) and mailto links', () => {
    expect(isSafeUrl('https://example.com/x')).toBe(true);
    expect(isSafeUrl('mailto:a@b.c')).toBe(true);
    for (const bad of ['javascript:alert(1)', 'data:text/html,x', 'vbscript:x', '//evil.com', 'https://x.com"onload="1', ' https://x.com']) expect(isSafeUrl(bad)).toBe(false);
  });
});
