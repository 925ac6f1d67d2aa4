import { expect, it } from 'vitest';
import { monthlyMetrics, weeklyReview } from '../../../src/meetings/department-metrics.js';
import { factSheetFor, parseFactSheet, renderFactSheet } from '../../../src/meetings/fact-sheet.js';
import { MONTH, seedMonth, WEEK } from './metrics-scenario.js';
import { seedStandupDay, SINCE, UNTIL } from './standup-scenario.js';
import { pgliteDatabase } from '../../support/pglite-database.js';

// The embedded default: the same statements on PGlite, with the scenarios of the Postgres tests.
const db = pgliteDatabase('meetings');

it('reads fact sheets and computes the metrics on PGlite', async () => {
  const day = await seedStandupDay(db().db);
  const sheet = await factSheetFor(db().db, 'copywriter', { since: SINCE, until: UNTIL, timeZone: 'America/New_York' });
  expect([sheet.done.length, sheet.doing.length, sheet.blockers.length]).toEqual([6, 2, 4]);
  expect(sheet.activity).toEqual({ messages: 3, threads: 2 });
  expect(sheet.done.find((f) => f.ref === day.post)?.at).toEqual(new Date('2026-11-28T12:00Z'));
  expect(parseFactSheet(renderFactSheet(sheet))).toEqual(sheet);

  await seedMonth(db().db);
  const m = await monthlyMetrics(db().db, MONTH);
  // The standup day adds its own records to November: one approval (the blog post v2, after changes
  // on v1), two tasks done, two escalations opened and one resolved, a content workflow run, no spend.
  expect(m).toMatchObject({ tasksCompleted: 5, deliverablesApproved: 5, firstTimeApprovalRate: 0.4, escalations: { opened: 4, resolved: 3 }, totalUsd: 2.5, costPerDeliverable: 0.5 });
  expect(m.spendByWorkflow).toEqual([
    { kind: 'content_creation', runs: 3, usd: 1.5 },
    { kind: 'campaign_launch', runs: 0, usd: 0.75 },
  ]);
  const week = await weeklyReview(db().db, WEEK);
  expect(week.owners.map((o) => o.owner).sort()).toEqual(['copywriter', 'seo_specialist']);
});
