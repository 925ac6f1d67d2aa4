import { describe, expect, it } from 'vitest';
import type { FactSheet } from '../../../src/meetings/fact.js';
import { checkGrounded, groundUpdate, idsIn, MAX_BULLETS, nothingToReport, rehearsalUpdate } from '../../../src/meetings/grounded-update.js';
import { newId } from '../../../src/store/ids.js';

const task = newId('task');
const draft = newId('dlvb');
const thread = newId('conv');
const escalation = newId('esc');
const sheet = (over: Partial<FactSheet> = {}): FactSheet => ({
  agentId: 'copywriter',
  since: new Date('2026-11-28T09:00:00Z'),
  until: new Date('2026-11-29T09:00:00Z'),
  done: [{ ref: draft, kind: 'version_submitted', text: 'Submitted "AI costs" v2 (blog post)', conversationId: thread }],
  doing: [{ ref: task, kind: 'task_open', text: 'Task "Case study" is in progress, due 2026-12-05' }],
  blockers: [{ ref: escalation, kind: 'escalation_open', text: 'Escalated to content_manager, still open: "Stock photo budget"' }],
  activity: { messages: 1, threads: 1 },
  ...over,
});

describe('the rehearsal standup update', () => {
  it('has the three points in mrkdwn, each bullet a fact citing its ref', () => {
    expect(rehearsalUpdate(sheet(), 'Copywriter', 'Daily standup').split('\n')).toEqual([
      '*Copywriter: daily standup update*',
      '*Done:*',
      `• Submitted "AI costs" v2 (blog post) [${draft}]`,
      '• Posted 1 message in 1 thread',
      '*Today:*',
      `• Task "Case study" is in progress, due 2026-12-05 [${task}]`,
      '*Blockers:*',
      `• Escalated to content_manager, still open: "Stock photo budget" [${escalation}]`,
    ]);
  });

  it('keeps a long point short: the first facts, then how many more', () => {
    const many = Array.from({ length: MAX_BULLETS + 3 }, (_, i) => ({ ref: `task_${i}`, kind: 'task_open' as const, text: `Task ${i}` }));
    const update = rehearsalUpdate(sheet({ doing: many }), 'Copywriter', 'Daily standup');
    const today = update.slice(update.indexOf('*Today:*'), update.indexOf('*Blockers:*')).trim().split('\n').slice(1);
    expect(today).toHaveLength(MAX_BULLETS);
    expect(today.at(-1)).toBe('• …and 4 more');
    expect(idsIn(update).filter((id) => id.startsWith('task_'))).toEqual(many.slice(0, MAX_BULLETS - 1).map((f) => f.ref));
    // Exactly MAX_BULLETS facts fit without a count.
    expect(rehearsalUpdate(sheet({ doing: many.slice(0, MAX_BULLETS) }), 'Copywriter', 'Daily standup')).not.toContain('more');
  });

  it('says so where a point has nothing, and is one line when the sheet is empty', () => {
    const update = rehearsalUpdate(sheet({ done: [], doing: [], blockers: [] }), 'Copywriter', 'Daily standup');
    expect(update).toContain('*Done:*\n• Posted 1 message in 1 thread\n*Today:*\n• No open tasks\n*Blockers:*\n• None');
    expect(rehearsalUpdate(sheet({ done: [], doing: [], blockers: [], activity: { messages: 0, threads: 0 } }), 'Copywriter', 'Daily standup')).toBe('Nothing to report since the last daily standup.');
  });
});

describe('checking an update against its sheet', () => {
  it('finds every id-looking token of the store formats, each once', () => {
    const other = newId('dlv');
    expect(idsIn(`Done [${draft}], see ${other} and ${draft}; apr_123 was approved (\`dec_9\`)`)).toEqual([draft, other, 'apr_123', 'dec_9']);
    // Words that only look like a prefix are not ids.
    expect(idsIn('my task_list and the pub_quiz, content_manager, taskbar_1')).toEqual([]);
  });

  it("accepts the sheet's refs and their threads, and names whatever else it cites", () => {
    expect(checkGrounded(rehearsalUpdate(sheet(), 'Copywriter', 'Daily standup'), sheet())).toEqual({ ok: true, unknownRefs: [] });
    expect(checkGrounded(`Discussed in ${thread}`, sheet())).toEqual({ ok: true, unknownRefs: [] });
    expect(checkGrounded(nothingToReport('Daily standup'), sheet())).toEqual({ ok: true, unknownRefs: [] });
    const invented = newId('task');
    expect(checkGrounded(`• Shipped the launch [${invented}]\n• Approved [apr_42]\n• Again [${invented}]`, sheet())).toEqual({ ok: false, unknownRefs: [invented, 'apr_42'] });
  });
});

describe('grounding an update in its sheet', () => {
  it('keeps lines that cite the sheet, what is not a claim, "none" and the activity count; drops unknown ids and uncited bullets', () => {
    const update = ['*Done:*', `• Submitted the draft [${draft}]`, '• Posted 1 message', `• Shipped it [task_0123456789abcdef]`, '• Finished everything', '*Blockers:*', '• None'].join('\n');
    expect(groundUpdate(update, sheet())).toEqual({ text: ['*Done:*', `• Submitted the draft [${draft}]`, '• Posted 1 message', '*Blockers:*', '• None'].join('\n'), dropped: 2 });
  });
});
