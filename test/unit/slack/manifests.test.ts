import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { MEETINGS } from '../../../src/meetings/meeting-kinds.js';
import { CallbackIds } from '../../../src/slack/action-ids.js';
import { agentAppManifest, AGENT_APP_SCOPES } from '../../../src/slack/agent-app-manifest.js';
import { departmentFixture } from '../../support/department-fixture.js';

describe('slack-app-manifest.yml', () => {
  const manifest = parse(readFileSync('slack-app-manifest.yml', 'utf8'));

  it('names the app and uses one request URL', () => {
    expect(manifest.display_information.name).toBe('Marketing Dept');
    expect(manifest.features.bot_user.display_name).toBe('Marketing Dept');
    // Which scopes and events, exactly: app-manifest-scopes.test.ts.
    expect(manifest.settings.event_subscriptions.bot_events).toEqual(['app_mention', 'message.channels', 'message.groups', 'message.im', 'message.mpim', 'app_home_opened']);
    expect(manifest.settings.event_subscriptions.request_url).toBe('https://YOUR-HOST/slack/events');
    expect(manifest.settings.interactivity).toEqual({ is_enabled: true, request_url: 'https://YOUR-HOST/slack/events' });
    expect(manifest.features.slash_commands[0]).toMatchObject({ command: '/dept', url: 'https://YOUR-HOST/slack/events' });
    expect(manifest.features.app_home.messages_tab_enabled).toBe(true);
    expect(manifest.settings.socket_mode_enabled).toBe(false);
  });

  it('offers only subcommands /dept answers, and the shortcut its listener is registered for', () => {
    const hint: string = manifest.features.slash_commands[0].usage_hint;
    const words = [...hint.matchAll(/(?:^\[|\| )([a-z]+)\b/g)].map((m) => m[1]!);
    expect(words.length).toBeGreaterThan(10);
    // What the handler dispatches on: its own literals, the workflow commands' keys and the meetings' commands.
    const handler = readFileSync('src/slack/listeners/commands/dept.ts', 'utf8');
    const meetings = Object.values(MEETINGS).map((m) => m.command);
    const unhandled = words.filter((w) => !meetings.includes(w) && !new RegExp(`(?:first === '${w}'|^  ${w}: \\{|text === '${w}')`, 'm').test(handler));
    expect(unhandled).toEqual([]);
    expect(manifest.features.shortcuts).toEqual([expect.objectContaining({ type: 'message', callback_id: CallbackIds.remember })]);
  });
});

describe('agentAppManifest', () => {
  it('gives a dedicated agent its name, a bot user and posting scopes, and no events', () => {
    const department = departmentFixture();
    const m = agentAppManifest(department.byId.get('seo_specialist')!, department) as Record<string, any>;
    expect(m.display_information.name).toBe('SEO Specialist');
    expect(m.features.bot_user.display_name).toBe('SEO Specialist');
    expect(m.oauth_config.scopes.bot).toEqual(AGENT_APP_SCOPES);
    expect(AGENT_APP_SCOPES).toEqual(['chat:write', 'chat:write.public', 'channels:join']);
    expect(m.settings.event_subscriptions).toBeUndefined();
  });
});
