import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TurnPrompt } from '../../../src/agents/turn-prompt.js';
import { buildApp, type App } from '../../../src/build-app.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';
import { ScriptedModel, post } from '../../support/scripted-model.js';
import { ALEX, SAM } from './setup.js';
import { testConfig } from '../../support/test-config.js';

/**
 * The department on the local workspace (no Slack credentials) behaves as on Slack: people's talk
 * arrives as message events, a thread the department never saw is read with conversations.replies,
 * people are named by users.info, and a person's edit arrives as message_changed.
 */
let t: TestDatabase;
let app: App;
const turns: TurnPrompt[] = [];

beforeAll(async () => {
  t = await createTestDatabase();
  const config = testConfig({ PORT: '0', LOCAL_WORKSPACE_PORT: '0', DATABASE_URL: t.url, SHUTDOWN_GRACE_SECONDS: '1' });
  const model = new ScriptedModel((turn) => (turns.push(turn), post(`Noted (${turns.length})`)));
  app = await buildApp(config, { logger: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }), model });
}, 60_000);
afterAll(async () => {
  await app?.stop();
  await t?.drop();
});

async function ui(method: 'GET' | 'POST', path: string, as: string, body: Record<string, unknown> = {}) {
  const url = new URL(path, app.workspaceUrl);
  if (method === 'GET') url.searchParams.set('as', as);
  const res = await fetch(url, method === 'POST' ? { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ as, ...body }) } : {});
  return (await res.json()) as Record<string, any>;
}

async function until<T>(fn: () => Promise<T | undefined | false> | T | undefined | false, what: string, ms = 10_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await fn();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const said = (turn: TurnPrompt) => turn.history.filter((e) => e.from.startsWith('human:')).map((e) => `${e.fromName}: ${e.text}`);

describe('thread context on the local workspace', () => {
  it('an agent mentioned in a #general thread reads what people said there, by name, and sees their edits', async () => {
    const boot = await ui('GET', '/ui/bootstrap', ALEX);
    const general = boot.channels.find((c: { name: string }) => c.name === 'general').id as string;
    const app_ = boot.app.userId as string;
    const root = (await ui('POST', `/ui/channels/${general}/messages`, ALEX, { text: 'Should we sponsor DevOpsDays?' })).message;
    const reply = (await ui('POST', `/ui/channels/${general}/messages`, SAM, { text: 'It brought 40 leads last year', thread_ts: root.ts })).message;
    await ui('POST', `/ui/channels/${general}/messages`, ALEX, { text: `<@${app_}> campaigns what do you think?`, thread_ts: root.ts });

    await until(() => turns.length === 1, 'the Campaign Manager\'s turn');
    expect(turns[0]!.agentId).toBe('campaign_manager');
    expect(said(turns[0]!)).toEqual(['Alex Rivera: Should we sponsor DevOpsDays?', 'Sam Chen: It brought 40 leads last year']);
    expect(turns[0]!.incoming).toMatchObject({ fromName: 'Alex Rivera', text: 'campaigns what do you think?' });
    // #general is not the department's: the talk came from conversations.replies, not from its events.
    const read = await t.query<{ fetched: boolean }>(`select history_fetched_at is not null as fetched from conversations where channel_id = '${general}'`);
    expect(read.rows).toEqual([{ fetched: true }]);

    // Sam corrects the number; the thread's next turn reads it as it is now.
    await ui('POST', `/ui/channels/${general}/messages/${reply.ts}/edit`, SAM, { text: 'It brought 45 leads last year' });
    await until(async () => {
      const { rows } = await t.query<{ text: string }>(`select text from messages where channel_id = '${general}' and ts = '${reply.ts}'`);
      return rows[0]?.text === 'It brought 45 leads last year';
    }, 'the edit to be stored');
    await ui('POST', `/ui/channels/${general}/messages`, SAM, { text: `<@${app_}> campaigns and the budget?`, thread_ts: root.ts });
    await until(() => turns.length === 2, 'the second turn');
    expect(said(turns[1]!)).toEqual(['Alex Rivera: Should we sponsor DevOpsDays?', 'Sam Chen: It brought 45 leads last year', 'Alex Rivera: campaigns what do you think?']);

    const thread = await ui('GET', `/ui/channels/${general}/threads/${root.ts}`, ALEX);
    expect(thread.messages.map((m: { author: { name: string } }) => m.author.name)).toContain('Campaign Manager');
    const { rows } = await t.query<{ n: string }>(`select count(*) as n from deliveries d join conversations c on c.id = d.conversation_id where c.channel_id = '${general}'`);
    expect(Number(rows[0]!.n)).toBe(2); // the two mentions; people's talk made no turn
  });
});
