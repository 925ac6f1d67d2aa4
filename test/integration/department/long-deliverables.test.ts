import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../../src/build-app.js';
import type { LocalWorkspace } from '../../../src/local-workspace/index.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';
import { ScriptedModel, post } from '../../support/scripted-model.js';
import { TEST_REDIS_URL, testStreams } from '../../support/services.js';
import { ALEX, ui, until } from '../local-workspace/setup.js';
import { testConfig } from '../../support/test-config.js';

/**
 * Long deliverables end to end: the department on the local workspace (real Bolt, Postgres, Redis),
 * one agent posting through the main bot as a persona, one through a bot user of its own.
 */
const streams = testStreams('long');
let t: TestDatabase;
let app: App | undefined;

/** A 1,500-word blog post: about 9,000 characters in paragraphs. */
const blogPost = (title: string) =>
  [`# ${title}`, ...Array.from({ length: 55 }, (_, i) => `Paragraph ${i + 1}. ${'Marketing teams cut costs with AI tooling every quarter'.repeat(2)}; here is how and why it matters for you.`)].join('\n\n');
/** A whitepaper too long for one Slack message. */
const whitepaper = Array.from({ length: 120 }, (_, i) => `Section ${i + 1}: ${'Evidence and analysis for the buyer guide. '.repeat(5).trim()}`).join('\n\n');

beforeAll(async () => {
  t = await createTestDatabase();
});
afterEach(async () => {
  await app?.stop();
  app = undefined;
});
afterAll(async () => {
  await t?.drop();
  await streams.cleanUp();
});

async function start(model: ScriptedModel): Promise<{ ws: LocalWorkspace; channel: (name: string) => Promise<string> }> {
  const config = testConfig({
    PORT: '0',
    LOCAL_WORKSPACE_PORT: '0',
    LOCAL_WORKSPACE_DEDICATED: 'copywriter',
    DATABASE_URL: t.url,
    REDIS_URL: TEST_REDIS_URL,
    REDIS_STREAM: streams.next(),
    SHUTDOWN_GRACE_SECONDS: '2',
  });
  app = await buildApp(config, { logger: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }), model });
  const ws = { url: app.workspaceUrl! } as LocalWorkspace;
  const channel = async (name: string) => (await ui(ws, 'GET', '/ui/bootstrap', ALEX)).channels.find((c: { name: string }) => c.name === name).id as string;
  return { ws, channel };
}

type UiMessage = { text: string; author: { name: string }; blocks?: { type: string; text?: { text: string }; elements?: { text: string }[] }[] };
const sectionsOf = (m: UiMessage) => (m.blocks ?? []).filter((b) => b.type === 'section').map((b) => b.text!.text);

describe('long deliverables on the local workspace', () => {
  it('a 1,500-word post arrives whole in one message, from a persona and from a dedicated bot user', async () => {
    const copy = blogPost('AI cuts marketing costs');
    const seo = blogPost('Keywords that win');
    expect(copy.length).toBeGreaterThan(9000);
    const model = new ScriptedModel((turn) => post(turn.agentId === 'copywriter' ? copy : seo));
    const { ws, channel } = await start(model);
    const id = await channel('marketing-content');
    for (const [handle, author, text] of [['copywriter', 'Copywriter', copy], ['seo', 'SEO Specialist', seo]] as const) {
      const sent = await ui(ws, 'POST', `/ui/channels/${id}/messages`, ALEX, { text: `<@U0LOCALBOT> ${handle} the blog post, please` });
      const thread = await until(async () => {
        const th = await ui(ws, 'GET', `/ui/channels/${id}/threads/${sent.message.ts}`, ALEX);
        return th.messages.length >= 2 ? th : undefined;
      }, 15_000);
      const m = thread.messages[1] as UiMessage;
      expect(m.author.name).toBe(author);
      // Whole, and readable: the post's Markdown heading arrives as Slack's bold.
      const shown = text.replace(/^# (.*)$/m, '*$1*');
      expect(m.text).toBe(shown);
      expect(sectionsOf(m).length).toBeGreaterThanOrEqual(4);
      expect(sectionsOf(m).join('\n\n')).toBe(shown);
    }
  });

  it('a deliverable longer than one Slack message arrives whole across labelled follow-ups, and the agent it addresses reads it whole', async () => {
    const model = new ScriptedModel((turn) =>
      turn.agentId === 'copywriter' ? post(whitepaper, ['content_manager'], 'deliverable') : post(`Received ${turn.incoming.text.length} characters.`),
    );
    const { ws, channel } = await start(model);
    const id = await channel('marketing-content');
    const sent = await ui(ws, 'POST', `/ui/channels/${id}/messages`, ALEX, { text: '<@U0LOCALBOT> copywriter the buyer guide whitepaper' });
    const thread = await until(async () => {
      const th = await ui(ws, 'GET', `/ui/channels/${id}/threads/${sent.message.ts}`, ALEX);
      return (th.messages as UiMessage[]).some((m) => m.author.name === 'Content Manager') ? th : undefined;
    }, 15_000);
    const pages = (thread.messages as UiMessage[]).filter((m) => m.author.name === 'Copywriter');
    expect(pages.length).toBeGreaterThanOrEqual(3);
    expect(pages.map((p) => p.text.replace(/^\*@Content Manager\* /, '')).join('\n\n')).toBe(whitepaper);
    expect(pages[0]!.text).toMatch(/^\*@Content Manager\* Section 1:/); // the mention heads the first page only
    expect(JSON.stringify(pages[0]!.blocks)).toContain(`Part 1 of ${pages.length}`);
    // The Content Manager was asked after the last page, and read all of it.
    const reply = (thread.messages as UiMessage[]).at(-1)!;
    expect(reply.author.name).toBe('Content Manager');
    const prompt = model.requests.find((r) => JSON.stringify(r.messages).includes('NEW MESSAGE for content_manager'))!;
    expect(JSON.stringify(prompt.messages)).toContain('Section 120:');
    expect(JSON.stringify(prompt.messages)).toContain('Section 1:');
  });
});
