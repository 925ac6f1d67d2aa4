import { randomBytes } from 'node:crypto';
import type { Config } from '../config/config.js';
import { departmentChannels } from '../department/channels.js';
import type { AgentDef, Department } from '../department/schema.js';
import { ConfigError } from '../lib/errors.js';
import { freePort } from '../lib/free-port.js';
import { startLocalWorkspace } from '../local-workspace/index.js';
import type { Db } from '../store/database.js';
import { localWorkspaceGuide } from './local-guide.js';
import { startSlack, type SlackConnection, type StartSlackDeps } from './start-slack.js';

/**
 * No Slack credentials: start the local workspace (a Slack-compatible server and web page) and
 * connect the unchanged Slack app to it in HTTP mode, exactly as it would connect to Slack.
 */
export async function startLocalSlack(
  deps: StartSlackDeps & { db: Db; /** Answers come from the offline rehearsal model: the page says so. */ rehearsal: boolean },
): Promise<SlackConnection & { workspaceUrl: string; workspaceSlack: Pick<Config, 'SLACK_API_URL' | 'SLACK_BOT_TOKEN' | 'SLACK_AGENT_TOKENS'> }> {
  const { config, department, logger } = deps;
  // PORT=0 still needs a known port before the app starts: the workspace must know where to deliver.
  const appPort = config.PORT === 0 ? await freePort() : config.PORT;
  const signingSecret = randomBytes(16).toString('hex'); // only the two local processes share it
  const workspace = await startLocalWorkspace({
    db: deps.db,
    port: config.LOCAL_WORKSPACE_PORT,
    host: config.LOCAL_WORKSPACE_HOST,
    appUrl: `http://127.0.0.1:${appPort}/slack/events`,
    signingSecret,
    channels: departmentChannels(department),
    guide: localWorkspaceGuide(department, { rehearsal: deps.rehearsal }),
    agents: department.agents.map((a) => ({ id: a.id, name: a.name, handle: a.handle, icon: a.icon })),
    agentBots: dedicatedAgents(config, department).map((a) => ({ agentId: a.id, name: a.name, icon: a.icon })),
    logger,
  });
  const localConfig: Config = {
    ...config,
    PORT: appPort,
    SLACK_BOT_TOKEN: workspace.botToken,
    SLACK_SIGNING_SECRET: signingSecret,
    SLACK_APP_TOKEN: undefined,
    SLACK_API_URL: workspace.apiUrl,
    SLACK_AGENT_TOKENS: workspace.agentTokens,
  };
  let slack: SlackConnection;
  try {
    slack = await startSlack({ ...deps, config: localConfig });
  } catch (err) {
    await workspace.stop();
    throw err;
  }
  return {
    ...slack,
    workspaceUrl: workspace.url,
    // Forked workers post through the workspace's Web API with these.
    workspaceSlack: { SLACK_API_URL: workspace.apiUrl, SLACK_BOT_TOKEN: workspace.botToken, SLACK_AGENT_TOKENS: workspace.agentTokens },
    // Turns still finishing at shutdown post through the workspace: it closes after them.
    closeAfterTurns: () => workspace.stop(),
  };
}

function dedicatedAgents(config: Config, department: Department): AgentDef[] {
  return config.LOCAL_WORKSPACE_DEDICATED.map((id) => {
    const agent = department.byId.get(id);
    if (!agent) throw new ConfigError(`LOCAL_WORKSPACE_DEDICATED names "${id}", which is not an agent. Valid ids: ${department.agents.map((a) => a.id).join(', ')}`);
    return agent;
  });
}
