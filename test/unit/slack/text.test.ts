import { describe, expect, it } from 'vitest';
import { agentPostBlocks, REHEARSAL_LABEL } from '../../../src/slack/agent-post-blocks.js';
import { protocolMetadata } from '../../../src/slack/protocol-metadata.js';
import type { AgentIdentity } from '../../../src/slack/identities.js';
import { splitText } from '../../../src/lib/split-text.js';
import { cutText, defuseBroadcasts, literalText, renderMention, renderMentions, textForModel } from '../../../src/slack/text.js';
import { DEPT_EVENT_TYPE } from '../../../src/protocol/message.js';
import { departmentFixture } from '../../support/department-fixture.js';

const department = departmentFixture();
const identities = {
  agent: (id: string): AgentIdentity =>
    id === 'copywriter' ? ({ mode: 'dedicated', userId: 'UCOPY', botId: 'BCOPY', client: null as never } as const) : { mode: 'persona' },
};

describe('cutText', () => {
  it('leaves text within the limit alone', () => {
    expect(cutText('short', 5)).toBe('short');
  });
  it('cuts longer text and says by how much', () => {
    expect(cutText('abcdefghij', 4)).toBe('abcd… [cut: 6 characters over the limit]');
  });
});

describe('mentions', () => {
  it('renders a dedicated agent as a real mention and a persona as its bold name', () => {
    expect(renderMention('copywriter', department, identities)).toBe('<@UCOPY>');
    expect(renderMention('seo_specialist', department, identities)).toBe('*@SEO Specialist*');
    expect(renderMention('human:U123', department, identities)).toBe('<@U123>');
  });
  it('renders several once each', () => {
    expect(renderMentions(['seo_specialist', 'content_manager', 'seo_specialist'], department, identities)).toBe('*@SEO Specialist* *@Content Manager*');
  });
  it('shows the model who was addressed, without the app mention', () => {
    const ctx = { mainBotUserId: 'UAPP', agentByUserId: (u: string) => (u === 'UCOPY' ? 'copywriter' : undefined), department };
    expect(textForModel('<@UAPP> copywriter write a tagline', ctx)).toBe('copywriter write a tagline');
    expect(textForModel('<@UAPP>, <@UCOPY> and <@UHUMAN>: look', ctx)).toBe('@Copywriter and <@UHUMAN>: look');
    expect(textForModel('hey <@UAPP> help\n\n    indented code', ctx)).toBe('hey help\n\n    indented code');
  });
});

describe('splitText', () => {
  it('splits at line ends within the size', () => {
    const text = `${'a'.repeat(60)}\n${'b'.repeat(60)}`;
    expect(splitText(text, 100)).toEqual(['a'.repeat(60), 'b'.repeat(60)]);
  });
  it('cuts hard when there is no break', () => {
    expect(splitText('x'.repeat(250), 100).map((p) => p.length)).toEqual([100, 100, 50]);
  });
  it('never breaks an emoji in two, and loses no character', () => {
    const text = `${'x'.repeat(99)}🚀${'y'.repeat(10)}`;
    const parts = splitText(text, 100);
    expect(parts[0]).toBe('x'.repeat(99));
    expect(parts.join('')).toBe(text);
  });
  it('prefers a paragraph end to a line end', () => {
    const text = `${'a'.repeat(60)}\n\n${'b'.repeat(20)}\n${'c'.repeat(30)}`;
    expect(splitText(text, 100)[0]).toBe('a'.repeat(60));
  });
});

describe('agent post blocks', () => {
  it('puts text in sections of at most 3000 characters and labels rehearsal posts', () => {
    const blocks = agentPostBlocks('word '.repeat(1300), { rehearsal: true });
    expect(blocks.map((b) => b.type)).toEqual(['section', 'section', 'section', 'context']);
    for (const b of blocks.slice(0, 3)) expect((b as { text: { text: string } }).text.text.length).toBeLessThanOrEqual(3000);
    expect(blocks.at(-1)).toEqual({ type: 'context', elements: [{ type: 'mrkdwn', text: REHEARSAL_LABEL }] });
    expect(agentPostBlocks('hi', { rehearsal: false })).toEqual([{ type: 'section', text: { type: 'mrkdwn', text: 'hi' } }]);
  });
});

describe('protocolMetadata', () => {
  it('carries compact flat protocol fields under our event type', () => {
    const meta = protocolMetadata(
      {
        id: 'msg_1',
        from: 'content_manager',
        to: ['copywriter', 'seo_specialist'],
        type: 'task_assignment',
        priority: 'urgent',
        context: { channel: 'C1', related_messages: [], project: 'Q4 blog' },
        content: { body: 'write it' },
        required_response: true,
        model: 'rehearsal-offline',
      },
      true,
    );
    expect(meta).toEqual({
      event_type: DEPT_EVENT_TYPE,
      event_payload: {
        id: 'msg_1',
        from: 'content_manager',
        to: 'copywriter,seo_specialist',
        type: 'task_assignment',
        priority: 'urgent',
        required_response: true,
        project: 'Q4 blog',
        model: 'rehearsal-offline',
        rehearsal: true,
      },
    });
  });
});

describe('literalText and defuseBroadcasts', () => {
  it('shows a person\'s words literally, whether or not Slack escaped them already', () => {
    expect(literalText('Ping <!channel> & <https://evil.test|your bank>')).toBe('Ping &lt;!channel&gt; &amp; &lt;https://evil.test|your bank&gt;');
    expect(literalText('a &lt;b&gt; &amp; c')).toBe('a &lt;b&gt; &amp; c');
  });

  it('turns broadcast and user-group mentions in agent text into plain words', () => {
    expect(defuseBroadcasts('Heads up <!channel>, <!here|here> and <!everyone>; <!subteam^S012AB|@marketing> too')).toBe(
      'Heads up @channel, @here and @everyone; @marketing too',
    );
    expect(defuseBroadcasts('Ask <@U123> about <#C1|launch>')).toBe('Ask <@U123> about <#C1|launch>');
  });
});
