import { describe, expect, it } from 'vitest';
import type { ApprovalCardInput } from '../../../src/slack/blocks/approval-card.js';
import { approvalListBlocks, type PendingApprovals } from '../../../src/slack/blocks/approval-list.js';

const WHO = 'Only <@U0ALEX> can decide this.';

const card = (i: number, rehearsal = true): ApprovalCardInput => ({
  requestId: `apr_${i}`, title: `Post ${i}`, summary: `Publish post ${i}`, requesterName: 'Content Manager', contentType: 'blog_post',
  level: 'L3', urgency: 'normal', dueDate: null, version: 1, content: 'x'.repeat(2000), rehearsal,
});
const pending = (n: number, mayDecide: boolean, shown = n): PendingApprovals => ({ cards: Array.from({ length: shown }, (_, i) => card(i)), total: n, mayDecide, whoMay: WHO });
const buttonsOf = (blocks: unknown, id: string) => JSON.stringify(blocks).match(new RegExp(`"value":"${id}"`, 'g'))?.length ?? 0;

describe('/dept approvals', () => {
  it('fits whole cards in Slack\'s 50 blocks a message and says how many more wait', () => {
    const blocks = approvalListBlocks(pending(40, true, 16));
    expect(blocks.length).toBeLessThanOrEqual(50);
    const shown = JSON.stringify(blocks).match(/"action_id":"dept_approve"/g)!.length;
    expect(JSON.stringify(blocks)).toContain(`…and ${40 - shown} more waiting`);
  });

  it('lists the cards for someone who may not decide, saying so and who may, on top', () => {
    const blocks = approvalListBlocks(pending(1, false));
    expect(JSON.stringify(blocks[0])).toContain(`You can read these but not decide them. ${WHO}`);
    expect(buttonsOf(blocks, 'apr_0')).toBe(4);
  });

  it('says plainly when nothing waits, under the notice of what a click just did', () => {
    const blocks = approvalListBlocks(pending(0, true), ':white_check_mark: Approved: Publish post 0');
    expect(blocks).toHaveLength(2);
    expect(JSON.stringify(blocks[0])).toContain('Approved: Publish post 0');
    expect(JSON.stringify(blocks[1])).toContain('Nothing waits for approval.');
  });
});
