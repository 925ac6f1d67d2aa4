import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { AGENT_APP_SCOPES } from '../../../src/slack/agent-app-manifest.js';
import { COMMAND_SCOPE, EVENT_SCOPES, LISTENER_EVENTS, METHOD_SCOPES } from '../../support/slack-scopes.js';

/**
 * slack-app-manifest.yml requests exactly what the code uses: every Web API method called in src/
 * and every event listened to maps (test/support/slack-scopes.ts) to the scopes and bot_events the
 * manifest declares, and nothing more. The local workspace (src/local-workspace) is the Slack
 * stand-in, not a caller of Slack, so it is not scanned.
 */
const SLACK_FAMILIES = 'admin|apps|assistant|auth|bookmarks|bots|calls|canvases|chat|conversations|dnd|emoji|files|pins|reactions|reminders|search|stars|team|usergroups|users|views|workflows';
const CALL = new RegExp(`\\bclient\\.(${SLACK_FAMILIES})\\.([a-zA-Z]+(?:\\.[a-zA-Z]+)?)\\(`, 'g');
const API_CALL = /\.apiCall\(\s*['"`]([a-zA-Z.]+)['"`]/g;
const EVENT = /\bapp\.event\(\s*['"`]([a-z_]+)['"`]/g;
const MESSAGE_LISTENER = /\bapp\.message\(/;
const COMMAND = /\bapp\.command\(/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return path === join('src', 'local-workspace') ? [] : sourceFiles(path);
    return /\.ts$/.test(e.name) ? [path] : [];
  });
}

/** What the code does with Slack: methods called (with where), events listened to, commands. */
function codeUse() {
  const files = sourceFiles('src').map((path) => ({ path, text: readFileSync(path, 'utf8') }));
  const methods = new Map<string, string[]>();
  const events = new Set<string>();
  let commands = false;
  for (const { path, text } of files) {
    for (const m of text.matchAll(CALL)) methods.set(`${m[1]}.${m[2]}`, [...(methods.get(`${m[1]}.${m[2]}`) ?? []), path]);
    for (const m of text.matchAll(API_CALL)) methods.set(m[1]!, [...(methods.get(m[1]!) ?? []), path]);
    for (const m of text.matchAll(EVENT)) events.add(m[1]!);
    if (MESSAGE_LISTENER.test(text)) events.add('message');
    if (COMMAND.test(text)) commands = true;
  }
  const slackCode = files.filter((f) => f.path.startsWith(join('src', 'slack'))).map((f) => f.text).join('\n');
  return { methods, events, commands, slackCode };
}

const manifest = parse(readFileSync('slack-app-manifest.yml', 'utf8'));
const use = codeUse();

function neededScopes(): Map<string, string> {
  const needed = new Map<string, string>(); // scope → why
  for (const [method, where] of use.methods) {
    const row = METHOD_SCOPES[method];
    if (!row) throw new Error(`${where.join(', ')} call${where.length === 1 ? 's' : ''} ${method}: add it to METHOD_SCOPES in test/support/slack-scopes.ts with the scopes its docs.slack.dev page lists`);
    for (const need of row) if (!need.when || need.when.test(use.slackCode)) needed.set(need.scope, `${method}${need.why ? ` (${need.why})` : ''}`);
  }
  for (const event of subscribedEvents()) for (const scope of EVENT_SCOPES[event] ?? []) needed.set(scope, `${event} events`);
  if (use.commands) needed.set(COMMAND_SCOPE, 'app.command');
  return needed;
}

function subscribedEvents(): string[] {
  return [...use.events].flatMap((e) => {
    const subscriptions = LISTENER_EVENTS[e];
    if (!subscriptions) throw new Error(`src/ listens to "${e}": add it to LISTENER_EVENTS and EVENT_SCOPES in test/support/slack-scopes.ts`);
    return subscriptions;
  });
}

describe('slack-app-manifest.yml asks for what the code uses, no more', () => {
  it('finds the calls it checks (the scan still works)', () => {
    expect([...use.methods.keys()]).toEqual(expect.arrayContaining(['chat.postMessage', 'conversations.info', 'views.publish']));
    expect([...use.methods.keys()]).not.toContain('messages.create'); // Anthropic's SDK, not Slack
    expect(use.events).toEqual(new Set(['app_mention', 'message', 'app_home_opened']));
  });

  it('requests every scope a call or event needs, and none that nothing needs', () => {
    const needed = neededScopes();
    const requested: string[] = manifest.oauth_config.scopes.bot;
    const missing = [...needed.keys()].filter((s) => !requested.includes(s)).map((s) => `${s} (for ${needed.get(s)})`);
    const unused = requested.filter((s) => !needed.has(s));
    expect({ missing, unused }).toEqual({ missing: [], unused: [] });
    expect(new Set(requested).size).toBe(requested.length);
  });

  it('subscribes to exactly the events the listeners handle', () => {
    expect([...manifest.settings.event_subscriptions.bot_events].sort()).toEqual([...new Set(subscribedEvents())].sort());
  });

  it('the local workspace advertises the same scopes as the manifest', () => {
    const route = readFileSync('src/local-workspace/api/route.ts', 'utf8');
    const advertised = /'x-oauth-scopes',\s*'([^']*)'/.exec(route)?.[1]?.split(',');
    expect(advertised?.sort()).toEqual([...manifest.oauth_config.scopes.bot].sort());
  });

  it("a dedicated agent's app asks only for posting and joining", () => {
    // Dedicated bots call auth.test, chat.postMessage and conversations.join (src/slack/gateway.ts) and hear no events.
    expect([...AGENT_APP_SCOPES].sort()).toEqual(['channels:join', 'chat:write', 'chat:write.public']);
  });
});
