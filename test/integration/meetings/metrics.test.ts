import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { metricsTable, monthlyMetrics, weeklyReview, weeklyReviewText } from '../../../src/meetings/department-metrics.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';
import { MONTH, seedMonth, WEEK } from './metrics-scenario.js';

let t: TestDatabase;
let seeded: Awaited<ReturnType<typeof seedMonth>>;
beforeAll(async () => {
  t = await createTestDatabase();
  seeded = await seedMonth(t.database.db);
});
afterAll(async () => {
  await t?.drop();
});

describe('department metrics', () => {
  it('computes the monthly review by hand-checked numbers', async () => {
    const m = await monthlyMetrics(t.database.db, MONTH);
    expect(m).toEqual({
      from: MONTH.from,
      to: MONTH.to,
      // Keyword research, Blog draft, Meta descriptions (November); not the old brief (October).
      tasksCompleted: 3,
      // A, B, C and E (L1); not D (October) nor F (pending).
      deliverablesApproved: 4,
      // 10, 24, 6, 12 hours → median of 6, 10, 12, 24 = 11.
      medianCycleHours: 11,
      // A and E at first try, out of 4.
      firstTimeApprovalRate: 0.5,
      // 0 + 1 + 2 + 0 over 4.
      avgRevisionRounds: 0.75,
      escalations: { opened: 2, resolved: 2 },
      spendByAgent: [
        { agent: 'copywriter', usd: 1.75 },
        { agent: 'content_manager', usd: 0.75 },
      ],
      spendByWorkflow: [
        { kind: 'content_creation', runs: 2, usd: 1.5 },
        { kind: 'campaign_launch', runs: 0, usd: 0.75 },
      ],
      totalUsd: 2.5,
      costPerDeliverable: 0.625,
    });
    const table = metricsTable(m);
    expect(table.startsWith('```\n') && table.endsWith('\n```')).toBe(true);
    expect(table).toContain('Median cycle time (request → approval)  11.0 h');
    expect(table).toContain('First-time approval rate                   50%');
    expect(table).toContain('content_creation     2  $1.50');
  });

  it('says "no data" for a month with nothing in it, never a number', async () => {
    const empty = { from: new Date('2020-01-01T00:00:00Z'), to: new Date('2020-02-01T00:00:00Z') };
    const m = await monthlyMetrics(t.database.db, empty);
    expect(m).toMatchObject({
      tasksCompleted: 0,
      deliverablesApproved: 0,
      medianCycleHours: null,
      firstTimeApprovalRate: null,
      avgRevisionRounds: null,
      escalations: { opened: 0, resolved: 0 },
      spendByAgent: [],
      spendByWorkflow: [],
      totalUsd: 0,
      costPerDeliverable: null,
    });
    const table = metricsTable(m);
    expect(table).toContain('Cost per deliverable');
    expect(table.match(/no data/g)).toHaveLength(4);
    expect(table).not.toContain('Agent');
  });

  it("lists last week's completed and slipped tasks per owner", async () => {
    const s = seeded.tasks;
    const week = await weeklyReview(t.database.db, WEEK);
    const byOwner = Object.fromEntries(week.owners.map((o) => [o.owner, { completed: o.completed.map((x) => x.id), slipped: o.slipped.map((x) => x.id) }]));
    expect(byOwner).toEqual({
      copywriter: { completed: [s.doneWeekA], slipped: [s.slipped, s.slippedBlocked] },
      seo_specialist: { completed: [s.doneWeekB], slipped: [] },
    });
    const copywriter = week.owners.find((o) => o.owner === 'copywriter')!;
    expect(copywriter.slipped[0]).toEqual({ id: s.slipped, title: 'Case study', dueDate: '2026-11-25', status: 'todo', conversationId: null });
    expect(weeklyReviewText(week, new Map([['copywriter', 'Copywriter']])).split('\n')).toEqual([
      '*Last week:* 2 tasks completed, 2 slipped',
      '*Copywriter*: 1 completed, 2 slipped',
      `• Done: Blog draft [${s.doneWeekA}]`,
      `• Slipped: Case study (due 2026-11-25, to do) [${s.slipped}]`,
      `• Slipped: Landing page copy (due 2026-11-29, blocked) [${s.slippedBlocked}]`,
      '*seo_specialist*: 1 completed, 0 slipped',
      `• Done: Meta descriptions [${s.doneWeekB}]`,
    ]);
    const quiet = await weeklyReview(t.database.db, { from: new Date('2020-01-06T00:00:00Z'), to: new Date('2020-01-13T00:00:00Z') });
    expect(quiet.owners).toEqual([]);
    expect(weeklyReviewText(quiet)).toBe('No tasks were completed or due last week.');
  });
});
