import { describe, expect, it } from 'vitest';
import { isEmpty, type FactSheet } from '../../../src/meetings/fact.js';
import { parseFactSheet, renderFactSheet } from '../../../src/meetings/fact-sheet-text.js';

const sheet = (over: Partial<FactSheet> = {}): FactSheet => ({
  agentId: 'copywriter',
  since: new Date('2026-11-28T09:00:00Z'),
  until: new Date('2026-11-29T09:00:00Z'),
  done: [{ ref: 'dlvb_0a1b', kind: 'version_submitted', text: 'Submitted "AI costs for small businesses" v2 (blog post)', at: new Date('2026-11-28T12:00:00Z'), conversationId: 'conv_9f' }],
  doing: [{ ref: 'task_77', kind: 'task_open', text: 'Task "Draft" is to do, no due date' }],
  blockers: [],
  activity: { messages: 4, threads: 1 },
  ...over,
});

describe('the fact sheet as text', () => {
  it('is a marked block, a fact a line ending in its ref in brackets, and reads back the same', () => {
    const text = renderFactSheet(sheet());
    expect(text.split('\n')).toEqual([
      '<<<FACT SHEET agent=copywriter since=2026-11-28T09:00:00.000Z until=2026-11-29T09:00:00.000Z>>>',
      'Done since the last meeting:',
      '- Submitted "AI costs for small businesses" v2 (blog post) [dlvb_0a1b; kind=version_submitted; at=2026-11-28T12:00:00.000Z; thread=conv_9f]',
      'Doing now:',
      '- Task "Draft" is to do, no due date [task_77; kind=task_open]',
      'Blockers:',
      '- (none)',
      'Activity: 4 messages in 1 threads',
      '<<<END FACT SHEET>>>',
    ]);
    expect(parseFactSheet(`System prompt…\n${text}\nWrite your update.`)).toEqual(sheet());
  });

  it('keeps a fact on one line and its ref unmistakable whatever the text holds', () => {
    const odd = sheet({ done: [{ ref: 'task_1', kind: 'task_done', text: 'Completed task "[DRAFT]\nlaunch [task_2]"' }] });
    const text = renderFactSheet(odd);
    expect(text).toContain('- Completed task "(DRAFT) launch (task_2)" [task_1; kind=task_done]');
    expect(parseFactSheet(text)?.done).toEqual([{ ref: 'task_1', kind: 'task_done', text: 'Completed task "(DRAFT) launch (task_2)"' }]);
  });

  it('reads no sheet from a text without one, and skips lines it cannot read', () => {
    expect(parseFactSheet('no sheet here')).toBeNull();
    expect(parseFactSheet('<<<FACT SHEET agent=x since=a until=b>>>\nno end')).toBeNull();
    const text = renderFactSheet(sheet()).replace('Doing now:', 'Doing now:\n- A line with no ref\n- Something [task_9; kind=not_a_kind]');
    expect(parseFactSheet(text)).toEqual(sheet());
  });

  it('is empty with no facts and no messages', () => {
    expect(isEmpty(sheet({ done: [], doing: [], activity: { messages: 0, threads: 0 } }))).toBe(true);
    expect(isEmpty(sheet({ done: [], doing: [] }))).toBe(false);
  });
});
