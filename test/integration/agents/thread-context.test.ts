import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TurnPrompt } from '../../../src/agents/turn-prompt.js';
import { loadDepartment } from '../../../src/department/load.js';
import type { Department } from '../../../src/department/schema.js';
import { newId } from '../../../src/store/ids.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';
import { runtimeHarness } from '../../support/runtime-harness.js';
import { post } from '../../support/scripted-model.js';

/**
 * What an agent knows of its thread before it answers: people's earlier messages, also from
 * before the department was in the thread (read from Slack once), named, edited and deleted as in Slack.
 */
let t: TestDatabase;
let department: Department;
beforeAll(async () => {
  t = await createTestDatabase();
  department = loadDepartment('manifests', 'prompts');
});
afterAll(async () => {
  await t?.drop();
});

const ALEX = 'U0ALEX';
const SAM = 'U0SAM';

function setup() {
  const turns: TurnPrompt[] = [];
  const harness = runtimeHarness(t, department).setup((turn) => (turns.push(turn), post(`On it, from ${turn.agentId}`)), { backfillWaitMs: 2_000 });
  harness.reader.names.set(ALEX, 'Alex Rivera').set(SAM, 'Sam Chen');
  return { ...harness, turns };
}

let n = 0;
/** A thread of its own (channel and root ts) per test. */
function thread(channelId = `C0T${++n}`) {
  const root = `${1_810_000_000 + n}.000001`;
  const at = (i: number) => `${root.slice(0, 10)}.${String(i).padStart(6, '0')}`;
  return { channelId, root, at, key: `${channelId}/${root}` };
}

async function mention(th: ReturnType<typeof thread>, ts: string, targets: string[], text: string, user = SAM) {
  const r = await t.store.ingestHumanMessage({ eventId: newId('msg'), eventType: 'app_mention', channelId: th.channelId, threadTs: th.root, ts, slackUserId: user, text, targets });
  if (r.duplicate) throw new Error('duplicate');
  return r;
}

const chatter = (th: ReturnType<typeof thread>, ts: string, user: string, text: string) =>
  t.store.mirrorHumanMessage({ channelId: th.channelId, threadTs: th.root, ts, slackUserId: user, text, eventId: newId('msg'), departmentChannel: true });

const said = (turn: TurnPrompt) => turn.history.map((e) => `${e.fromName}: ${e.text}`);

describe('thread context', () => {
  it('reads a thread the department never saw from Slack once, and the agent sees what people said there, by name', async () => {
    const { reader, turns, runtime, poster } = setup();
    const th = thread();
    reader.threads.set(th.key, [
      { ts: th.root, slackUserId: ALEX, text: 'We need a launch plan for the Q3 webinar' },
      { ts: th.at(2), slackUserId: SAM, text: 'Budget is 20k, date is 12 September' },
      { ts: th.at(3), slackUserId: ALEX, text: 'Audience: marketing ops leads' },
      { ts: th.at(4), slackUserId: SAM, text: '@content can you draft it?' },
    ]);
    const r = await mention(th, th.at(4), ['content_manager'], '@content can you draft it?');
    await runtime.handleDelivery(r.deliveryIds[0]!);

    expect(reader.reads).toEqual([{ channelId: th.channelId, threadTs: th.root }]);
    expect(said(turns[0]!)).toEqual([
      'Alex Rivera: We need a launch plan for the Q3 webinar',
      'Sam Chen: Budget is 20k, date is 12 September',
      'Alex Rivera: Audience: marketing ops leads',
    ]);
    expect(turns[0]!.history[0]!.from).toBe(`human:${ALEX}`);
    expect(turns[0]!.incoming).toMatchObject({ from: `human:${SAM}`, fromName: 'Sam Chen', text: '@content can you draft it?' });
    expect(poster.posts).toHaveLength(1);

    // The next turn in the thread has it all from the store: no second read.
    const again = await mention(th, th.at(6), ['seo_specialist'], '@seo and keywords?', ALEX);
    await runtime.handleDelivery(again.deliveryIds[0]!);
    expect(reader.reads).toHaveLength(1);
    expect(said(turns[1]!)).toEqual([...said(turns[0]!), 'Sam Chen: @content can you draft it?', 'Content Manager: On it, from content_manager']);
  });

  it('reads the thread once when several agents are brought in at the same moment', async () => {
    const { reader, turns, runtime } = setup();
    const th = thread();
    reader.delayMs = 300; // the first reader is still reading when the second turn starts
    reader.threads.set(th.key, [
      { ts: th.root, slackUserId: ALEX, text: 'Churn went up 3% last month' },
      { ts: th.at(2), slackUserId: SAM, text: 'Mostly the annual plans' },
    ]);
    const r = await mention(th, th.at(3), ['analytics_specialist', 'email_specialist'], '@analytics @email ideas?');
    await Promise.all(r.deliveryIds.map((id) => runtime.handleDelivery(id)));
    expect(reader.reads).toHaveLength(1);
    expect(turns).toHaveLength(2);
    for (const turn of turns) expect(said(turn)).toEqual(['Alex Rivera: Churn went up 3% last month', 'Sam Chen: Mostly the annual plans']);
  });

  it('answers with what it knows when Slack will not give the thread, and a later turn reads it', async () => {
    const { reader, turns, runtime, poster } = setup();
    const th = thread();
    reader.threads.set(th.key, [{ ts: th.root, slackUserId: ALEX, text: 'Which channels did best in May?' }]);
    reader.failWith = new Error('An API error occurred: ratelimited');
    const r = await mention(th, th.at(2), ['analytics_specialist'], '@analytics see above');
    await runtime.handleDelivery(r.deliveryIds[0]!);
    expect(poster.posts).toHaveLength(1); // the turn was not lost
    expect(turns[0]!.history).toEqual([]);

    reader.failWith = null;
    const again = await mention(th, th.at(4), ['analytics_specialist'], '@analytics and June?');
    await runtime.handleDelivery(again.deliveryIds[0]!);
    expect(reader.reads).toHaveLength(2);
    expect(said(turns[1]!)).toEqual([
      'Alex Rivera: Which channels did best in May?',
      'Sam Chen: @analytics see above',
      expect.stringMatching(/^Analytics Specialist: /),
    ]);
  });

  it('does not ask Slack again for a thread it cannot read (no such thread, no access)', async () => {
    const { reader, turns, runtime, poster } = setup();
    const th = thread();
    reader.failWith = Object.assign(new Error('conversations.replies failed: thread_not_found'), { transient: false });
    const r = await mention(th, th.at(2), ['cmo'], '@cmo thoughts?');
    await runtime.handleDelivery(r.deliveryIds[0]!);
    const again = await mention(th, th.at(4), ['cmo'], '@cmo and now?');
    await runtime.handleDelivery(again.deliveryIds[0]!);
    expect(reader.reads).toHaveLength(1);
    expect(poster.posts).toHaveLength(2);
    expect(said(turns[1]!)).toEqual(['Sam Chen: @cmo thoughts?', 'CMO: On it, from cmo']);
  });

  it('shows what people said without mentioning anyone before an agent was asked, with no read from Slack and no turn for the talk', async () => {
    const { reader, turns, runtime, bus } = setup();
    const th = thread();
    expect(await chatter(th, th.root, ALEX, 'Should we sponsor DevOpsDays?')).toBe(true);
    expect(await chatter(th, th.at(2), SAM, 'Maybe, the last one brought 40 leads')).toBe(true);
    expect(bus.published).toEqual([]);
    const r = await mention(th, th.at(3), ['campaign_manager'], '@campaigns what do you think?', ALEX);
    const { rows } = await t.query<{ n: string }>(`select count(*) as n from deliveries where conversation_id = '${r.conversationId}'`);
    expect(Number(rows[0]!.n)).toBe(1); // the mention's only
    await runtime.handleDelivery(r.deliveryIds[0]!);
    expect(reader.reads).toEqual([]);
    expect(said(turns[0]!)).toEqual(['Alex Rivera: Should we sponsor DevOpsDays?', 'Sam Chen: Maybe, the last one brought 40 leads']);
  });

  it('shows edited messages as they read now and leaves deleted ones out', async () => {
    const { turns, runtime } = setup();
    const th = thread();
    await chatter(th, th.root, ALEX, 'Launch is on the 3rd');
    await chatter(th, th.at(2), SAM, 'I will book the venue — wrong thread, sorry');
    await chatter(th, th.at(3), ALEX, 'Copy due Friday');
    await t.store.applyMessageChange({ kind: 'edited', channelId: th.channelId, ts: th.root, text: 'Launch is on the 5th' });
    await t.store.applyMessageChange({ kind: 'deleted', channelId: th.channelId, ts: th.at(2) });
    const r = await mention(th, th.at(4), ['copywriter'], '@copywriter can you make Friday?');
    await runtime.handleDelivery(r.deliveryIds[0]!);
    expect(said(turns[0]!)).toEqual(['Alex Rivera: Launch is on the 5th', 'Alex Rivera: Copy due Friday']);
  });
});
