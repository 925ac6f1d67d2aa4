import type { AgentDef, Department } from '../department/schema.js';

/** What a dedicated agent's own Slack app needs: post (anywhere public) and join channels. */
export const AGENT_APP_SCOPES = ['chat:write', 'chat:write.public', 'channels:join'];

/**
 * The Slack app manifest of one agent's dedicated bot (dedicated mode). It subscribes to no events:
 * the main app receives everything and routes native @mentions of this bot to the agent.
 */
export function agentAppManifest(agent: AgentDef, department: Department): Record<string, unknown> {
  const name = agent.name.slice(0, 35); // Slack's limit for an app name
  return {
    _metadata: { major_version: 1, minor_version: 1 },
    display_information: {
      name,
      description: `${agent.title} of the ${department.file.name} — ${agent.role}`.slice(0, 140),
    },
    features: {
      // No messages tab: people DM the main app, whose front desk brings this agent in.
      app_home: { home_tab_enabled: false, messages_tab_enabled: false, messages_tab_read_only_enabled: false },
      bot_user: { display_name: agent.name, always_online: true },
    },
    oauth_config: { scopes: { bot: AGENT_APP_SCOPES } },
    settings: { org_deploy_enabled: false, socket_mode_enabled: false, token_rotation_enabled: false },
  };
}
