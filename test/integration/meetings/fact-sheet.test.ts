import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { factSheetFor, isEmpty, parseFactSheet, renderFactSheet, type FactSheet } from '../../../src/meetings/fact-sheet.js';
import { checkGrounded, idsIn, nothingToReport, rehearsalUpdate } from '../../../src/meetings/grounded-update.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';
import { seedStandupDay, SINCE, UNTIL } from './standup-scenario.js';

let t: TestDatabase;
let seeded: Awaited<ReturnType<typeof seedStandupDay>>;
const sheets = new Map<string, FactSheet>();
const AGENTS = ['copywriter', 'content_manager', 'seo_specialist', 'vp_marketing'];

beforeAll(async () => {
  t = await createTestDatabase();
  seeded = await seedStandupDay(t.database.db);
  for (const agent of AGENTS) sheets.set(agent, await factSheetFor(t.database.db, agent, { since: SINCE, until: UNTIL }));
});
afterAll(async () => {
  await t?.drop();
});

const pairs = (sheet: FactSheet, section: 'done' | 'doing' | 'blockers') => sheet[section].map((f) => `${f.kind} ${f.ref}`).sort();
const allRefs = (sheet: FactSheet) => [...sheet.done, ...sheet.doing, ...sheet.blockers].map((f) => f.ref);

describe("an agent's standup fact sheet", () => {
  it("holds exactly the copywriter's own facts of the window, and its open work", () => {
    const s = seeded;
    const sheet = sheets.get('copywriter')!;
    expect(pairs(sheet, 'done')).toEqual(
      [
        `task_done ${s.tasks.keywordBrief.id}`,
        `version_submitted ${s.post}`,
        `version_submitted ${s.intro}`,
        `version_submitted ${s.teaser}`,
        `approval_granted ${s.reviews.postV2Review.id}`,
        `publication ${s.publication}`,
      ].sort(),
    );
    expect(pairs(sheet, 'doing')).toEqual([`task_open ${s.tasks.draftPost.id}`, `awaiting_approval ${s.reviews.teaserReview.id}`].sort());
    expect(pairs(sheet, 'blockers')).toEqual(
      [`task_overdue ${s.tasks.caseStudy.id}`, `task_blocked ${s.tasks.heroCopy.id}`, `escalation_open ${s.escalations.blockedOnBudget.id}`, `changes_requested ${s.intro}`].sort(),
    );
    expect(sheet.activity).toEqual({ messages: 3, threads: 2 });
    // In time order, each a plain sentence.
    expect(sheet.done.map((f) => f.at!.toISOString())).toEqual([...sheet.done.map((f) => f.at!.toISOString())].sort());
    expect(sheet.done.find((f) => f.ref === s.post)).toMatchObject({ text: 'Submitted "AI costs for small businesses" v2 (blog post)', conversationId: s.convA, at: new Date('2026-11-28T12:00Z') });
    expect(sheet.blockers.find((f) => f.kind === 'changes_requested')?.text).toBe('Changes requested on "Newsletter intro" v1 (email), not yet revised: Shorter, please');
    expect(sheet.blockers.find((f) => f.kind === 'task_overdue')?.text).toBe('Task "Case study" is overdue (due 2026-11-25, to do)');
    expect(sheet.doing.find((f) => f.kind === 'task_open')?.text).toBe('Task "Draft AI costs post" is in progress, due 2026-12-05');
  });

  it('leaves out what happened outside the window and what belongs to others', () => {
    const s = seeded;
    const refs = allRefs(sheets.get('copywriter')!);
    // Before the window: a task done, v1 and its changes requested (revised since), its workflow draft step; after it: a task created.
    expect(refs).not.toContain(s.tasks.oldTask.id);
    expect(refs).not.toContain(s.reviews.postV1Review.id);
    expect(refs).not.toContain(s.tasks.tomorrow.id);
    expect(sheets.get('copywriter')!.done.filter((f) => f.ref === s.post)).toHaveLength(1); // v2 only
    for (const other of [s.decisions.decision.id, s.tasks.seoTask.id, s.escalations.seoEscalation.id, s.run]) expect(refs).not.toContain(other);
  });

  it("gives the content manager its decision, the approval it asked for and the escalation waiting on it; the SEO specialist its task", () => {
    const s = seeded;
    const manager = sheets.get('content_manager')!;
    expect(pairs(manager, 'done')).toEqual([`decision_made ${s.decisions.decision.id}`, `approval_granted ${s.reviews.postV2Review.id}`, `workflow_step ${s.run}`].sort());
    expect(manager.done.find((f) => f.kind === 'workflow_step')).toMatchObject({ text: 'Did the review step of the content creation workflow on "AI costs for small businesses"', conversationId: s.convA });
    expect(manager.doing).toEqual([]);
    expect(pairs(manager, 'blockers')).toEqual([`escalation_received ${s.escalations.blockedOnBudget.id}`]);
    expect(manager.blockers[0]!.text).toBe('Escalation from copywriter waits for my answer: "Need a stock photo budget"');
    expect(manager.done.find((f) => f.kind === 'decision_made')?.text).toBe('Decided (content priority): Publish the AI costs post first');
    expect(manager.activity).toEqual({ messages: 0, threads: 0 });

    const seo = sheets.get('seo_specialist')!;
    expect(pairs(seo, 'done')).toEqual([`escalation_resolved ${s.escalations.seoEscalation.id}`]);
    expect(pairs(seo, 'doing')).toEqual([`task_open ${s.tasks.seoTask.id}`]);
    expect(seo.blockers).toEqual([]);
  });

  it('is empty for an agent with nothing in the store, whose update is one line', () => {
    const vp = sheets.get('vp_marketing')!;
    expect(isEmpty(vp)).toBe(true);
    expect(isEmpty(sheets.get('copywriter')!)).toBe(false);
    expect(rehearsalUpdate(vp, 'VP of Marketing', 'Daily standup')).toBe(nothingToReport('Daily standup'));
  });

  it('marks a task overdue by the day in the department time zone', async () => {
    // 2026-11-26 01:00 UTC is still the 25th in New York: the case study (due the 25th) is not overdue there yet.
    const until = new Date('2026-11-26T01:00:00Z');
    const utc = await factSheetFor(t.database.db, 'copywriter', { since: SINCE, until });
    const ny = await factSheetFor(t.database.db, 'copywriter', { since: SINCE, until, timeZone: 'America/New_York' });
    expect(utc.blockers.map((f) => f.kind)).toContain('task_overdue');
    expect(ny.blockers.map((f) => f.kind)).not.toContain('task_overdue');
    expect(ny.doing.map((f) => f.ref)).toContain(seeded.tasks.caseStudy.id);
  });

  it('renders every sheet as text that reads back the same', () => {
    for (const agent of AGENTS) {
      const sheet = sheets.get(agent)!;
      const text = renderFactSheet(sheet);
      expect(parseFactSheet(`You are in the standup.\n\n${text}\n\nWrite your update.`)).toEqual(sheet);
    }
    const text = renderFactSheet(sheets.get('copywriter')!);
    expect(text).toContain(`- Submitted "AI costs for small businesses" v2 (blog post) [${seeded.post}; kind=version_submitted; at=2026-11-28T12:00:00.000Z; thread=${seeded.convA}]`);
  });

  it("writes the rehearsal update from the sheet's facts only, citing their refs; a made-up id is flagged", () => {
    for (const agent of AGENTS) {
      const sheet = sheets.get(agent)!;
      const update = rehearsalUpdate(parseFactSheet(renderFactSheet(sheet))!, agent, 'Daily standup');
      expect(checkGrounded(update, sheet)).toEqual({ ok: true, unknownRefs: [] });
      expect(new Set(idsIn(update))).toEqual(new Set(allRefs(sheet)));
    }
    const copywriter = sheets.get('copywriter')!;
    const update = rehearsalUpdate(copywriter, 'Copywriter', 'Daily standup');
    expect(update.split('\n').slice(1, 2)).toEqual(['*Done:*']);
    expect(update).toContain('*Today:*');
    expect(update).toContain('*Blockers:*');
    expect(update).toContain('• Posted 3 messages in 2 threads');
    // Someone else's record, and an invented one.
    const forged = `${update}\n• Also shipped the campaign [${seeded.decisions.decision.id}] and [task_0badc0ffee]`;
    expect(checkGrounded(forged, copywriter)).toEqual({ ok: false, unknownRefs: [seeded.decisions.decision.id, 'task_0badc0ffee'] });
  });
});
