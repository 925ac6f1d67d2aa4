import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
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
