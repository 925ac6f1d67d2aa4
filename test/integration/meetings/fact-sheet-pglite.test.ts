import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { monthlyMetrics, weeklyReview } from '../../../src/meetings/department-metrics.js';
import { factSheetFor, parseFactSheet, renderFactSheet } from '../../../src/meetings/fact-sheet.js';
import { openDatabase, type Database } from '../../../src/store/database.js';
import { MONTH, seedMonth, WEEK } from './metrics-scenario.js';
import { seedStandupDay, SINCE, UNTIL } from './standup-scenario.js';

// The embedded default: the same statements on PGlite, with the scenarios of the Postgres tests.
const dir = mkdtempSync(path.join(tmpdir(), 'dept-meetings-pglite-'));
let database: Database;
beforeAll(async () => {
  database = await openDatabase({ dataDir: dir });
});
afterAll(async () => {
  await database?.close();
  rmSync(dir, { recursive: true, force: true });
});

it('reads fact sheets and computes the metrics on PGlite', async () => {
  const day = await seedStandupDay(database.db);
  const sheet = await factSheetFor(database.db, 'copywriter', { since: SINCE, until: UNTIL, timeZone: 'America/New_York' });
  expect([sheet.done.length, sheet.doing.length, sheet.blockers.length]).toEqual([6, 2, 4]);
  expect(sheet.activity).toEqual({ messages: 3, threads: 2 });
  expect(sheet.done.find((f) => f.ref === day.post)?.at).toEqual(new Date('2026-11-28T12:00Z'));
  expect(parseFactSheet(renderFactSheet(sheet))).toEqual(sheet);

  await seedMonth(database.db);
  const m = await monthlyMetrics(database.db, MONTH);
  // The standup day adds its own records to November: one approval (the blog post v2, after changes
  // on v1), two tasks done, two escalations opened and one resolved, a content workflow run, no spend.
  expect(m).toMatchObject({ tasksCompleted: 5, deliverablesApproved: 5, firstTimeApprovalRate: 0.4, escalations: { opened: 4, resolved: 3 }, totalUsd: 2.5, costPerDeliverable: 0.5 });
  expect(m.spendByWorkflow).toEqual([
    { kind: 'content_creation', runs: 3, usd: 1.5 },
    { kind: 'campaign_launch', runs: 0, usd: 0.75 },
  ]);
  const week = await weeklyReview(database.db, WEEK);
  expect(week.owners.map((o) => o.owner).sort()).toEqual(['copywriter', 'seo_specialist']);
});
