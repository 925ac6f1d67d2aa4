import { describe, expect, it } from 'vitest';
import { ALEX, APP_USER, SAM, cardsHarness } from '../../support/cards-harness.js';
import { appMention, sendSigned, until } from '../../support/signed-events.js';

/**
 * Crisis response (seed example 3) as a team meets it, offline: the CMO starts the all-hands
 * workflow; the alert, the data and the CMO's plan come in; the public statement is human-led (L1),
 * so it waits for a person's instructions on an escalation card; once approved it is published,
 * answered on social and debriefed.
 */
const h = cardsHarness('crisis');
const { mockSlack, posts, updates, ephemerals, opened, work, cards, text, click, submission, interaction } = h;

describe('the crisis workflow, offline', () => {
  it('all hands under the CMO; the statement waits for a person\'s instructions, is revised, approved, published and answered on social', async () => {
    mockSlack();
    await h.start();
    // Raised in #marketing-content: the all-hands thread opens in the CMO's #marketing-leadership.
    const ask = appMention(APP_USER, 'cmo crisis: a competitor just announced a 40% price drop on AI training');
    await sendSigned(h.app!.port(), h.secret, ask);
    await until(() => posts.some((p) => p.channel === 'C0LEADERSHIP' && !p.thread_ts), 'the all-hands thread in #marketing-leadership');
    const root = posts.find((p) => p.channel === 'C0LEADERSHIP' && !p.thread_ts)!;
    expect(root).toMatchObject({ username: 'CMO' });
    expect(String(root.text)).toContain('Crisis response — all hands');
    await until(() => posts.some((p) => p.thread_ts === ask.event.ts && String(p.text).includes('All hands: the response runs in its own thread in #marketing-leadership')), 'the pointer in the thread where it was raised');
    const thread = () => posts.filter((p) => p.thread_ts === root.ts);
    await until(() => cards('escalation').length === 2 && thread().some((p) => String(p.text).startsWith('*Monitoring:*')), 'the statement\'s escalation cards beside the monitoring', 30_000);
    const texts = () => thread().map((p) => String(p.text));
    const at = (start: string) => texts().findIndex((t) => t.startsWith(start));
    // The alert and the data came in at once, and the CMO's plan only after both.
    expect(at(':rotating_light: *Alert:*')).toBeGreaterThan(0);
    expect(at('*What our data says')).toBeGreaterThan(0);
    expect(at('*Response plan')).toBeGreaterThan(Math.max(at(':rotating_light: *Alert:*'), at('*What our data says')));
    // Then the statement (waiting for a person) and the monitoring, side by side.
    expect(new Set(thread().map((p) => p.username))).toEqual(new Set(['CMO', 'Market Research', 'Analytics Specialist', 'Director of Communications', 'Social Media Manager']));
    expect(thread().every((p) => p.channel === 'C0LEADERSHIP')).toBe(true);
    expect(at('*Social response:*')).toBe(-1); // not before the statement is out
    const card = cards('escalation').find((c) => !c.thread_ts)!;
    expect(card.channel).toBe('C0ESCALATIONS');
    expect(text(card)).toContain('Give instructions');
    const [escalation] = await work().openEscalations();

    // Not Sam's to decide; Alex gives instructions, and the Director revises.
    await interaction(click(SAM, 'dept_escalation_instruct', escalation!.id, card));
    await until(() => ephemerals.length === 1, 'the refusal');
    expect(String(ephemerals[0]!.text)).toContain('You cannot decide this');
    expect((await work().openEscalations()).map((e) => e.id)).toContain(escalation!.id);
    await interaction(click(ALEX, 'dept_escalation_instruct', escalation!.id, card));
    await until(() => opened.length === 1, 'the instructions modal');
    expect((await interaction(submission(ALEX, 'State the facts only and promise an update at 3pm.'))).status).toBe(200);
    await until(() => cards('escalation').length === 4, 'the revised statement\'s card', 30_000);
    const [revised] = await work().openEscalations();
    expect(revised).toMatchObject({ version: 2, deliverableId: escalation!.deliverableId });
    expect((await work().deliverableVersion(revised!.deliverableId!, 2))!.content).toContain('promise an update at 3pm');

    const newCard = cards('escalation').slice(2).find((c) => !c.thread_ts)!;
    await interaction(click(ALEX, 'dept_escalation_approve', revised!.id, newCard));
    await until(() => thread().some((p) => String(p.text).includes('*Workflow done:* responded')), 'the response to finish', 30_000);
    // The social response joins the published statement and the monitoring; the debrief comes last.
    const published = texts().findIndex((t) => t.includes("Published to the department's library"));
    expect(published).toBeGreaterThan(0);
    expect(at('*Social response:*')).toBeGreaterThan(Math.max(published, at('*Monitoring:*')));
    expect(at('*Debrief')).toBeGreaterThan(at('*Social response:*'));
    await until(() => updates.some((u) => u.ts === root.ts && String(u.text).includes('*Done:* responded')), 'the status line (the thread\'s first message) to say done');
  });
});
