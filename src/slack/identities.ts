import type { Logger } from 'pino';
import type { Config } from '../config/config.js';
import type { Department } from '../department/schema.js';
import { ConfigError } from '../lib/errors.js';
import { createWebClient, slackErrorCode, type WebClient, type WebClientOverrides } from './web-client.js';

/** The main app's bot: receives every event, posts persona messages and notices. */
export interface MainIdentity {
  client: WebClient;
  userId: string;
  botId: string;
  teamId: string;
  /** The bot user's name as Slack knows it (auth.test `user`), for "invite @name" hints. */
  name: string;
  /** The workspace's address (auth.test `url`, like https://acme.slack.com/), for permalinks; null when Slack gave none. */
  teamUrl?: string | null;
}

export interface DedicatedIdentity {
  mode: 'dedicated';
  client: WebClient;
  userId: string;
  botId: string;
}

export type AgentIdentity = { mode: 'persona' } | DedicatedIdentity;

/** Who we are in Slack: the main bot and the agents that have a bot user of their own. */
export interface Identities {
  main: MainIdentity;
  agent(agentId: string): AgentIdentity;
  /** The agent whose dedicated bot user this is (a native @mention), if any. */
  agentByUserId(userId: string): string | undefined;
  /** True for the bot id or bot user id of the main app or any dedicated agent bot. */
  isOurBot(id: string | undefined): boolean;
}

const PERSONA: AgentIdentity = { mode: 'persona' };

export function buildIdentities(main: MainIdentity, dedicated: ReadonlyMap<string, DedicatedIdentity>): Identities {
  const byUserId = new Map([...dedicated].map(([agentId, d]) => [d.userId, agentId]));
  const ours = new Set([main.userId, main.botId, ...[...dedicated.values()].flatMap((d) => [d.userId, d.botId])]);
  return {
    main,
    agent: (agentId) => dedicated.get(agentId) ?? PERSONA,
    agentByUserId: (userId) => byUserId.get(userId),
    isOurBot: (id) => id !== undefined && ours.has(id),
  };
}

interface Who {
  userId: string;
  botId: string;
  teamId: string;
  teamUrl: string | null;
  name: string;
}

/**
 * Asks Slack who each token belongs to (auth.test), once at boot. A bad token stops start-up
 * with a ConfigError naming the variable, Slack's reason and what to do.
 */
export async function resolveIdentities(
  config: Config,
  department: Department,
  log: Logger,
  overrides: WebClientOverrides = {},
): Promise<Identities> {
  if (!config.SLACK_BOT_TOKEN) throw new ConfigError('SLACK_BOT_TOKEN is not set: copy the Bot User OAuth Token (xoxb-...) from the app\'s "OAuth & Permissions" page.');
  const entries = Object.entries(config.SLACK_AGENT_TOKENS);
  for (const [agentId] of entries) {
    if (!department.byId.has(agentId)) {
      const valid = department.agents.map((a) => a.id).join(', ');
      throw new ConfigError(`SLACK_AGENT_TOKENS names an unknown agent "${agentId}": use one of ${valid}.`);
    }
  }

  const mainClient = createWebClient(config.SLACK_BOT_TOKEN, config, log, overrides);
  const mainHint = 'copy the Bot User OAuth Token (xoxb-...) from the app\'s "OAuth & Permissions" page again.';
  const agentHint = (id: string) =>
    `copy the Bot User OAuth Token of the ${department.byId.get(id)!.name} app again, or remove "${id}" from SLACK_AGENT_TOKENS so it posts as a persona.`;
  const [main, ...agents] = await Promise.all([
    whoAmI(mainClient, 'SLACK_BOT_TOKEN', mainHint, config.SLACK_API_URL),
    ...entries.map(async ([agentId, token]) => {
      const client = createWebClient(token, config, log, overrides);
      const who = await whoAmI(client, `SLACK_AGENT_TOKENS.${agentId}`, agentHint(agentId), config.SLACK_API_URL);
      return { agentId, client, who };
    }),
  ]);

  const dedicated = new Map<string, DedicatedIdentity>();
  const seen = new Map<string, string>([[main!.userId, 'the main app (SLACK_BOT_TOKEN)']]);
  for (const { agentId, client, who } of agents) {
    const owner = seen.get(who.userId);
    if (owner) {
      throw new ConfigError(`SLACK_AGENT_TOKENS.${agentId} is the bot token of ${owner}: each dedicated agent needs its own Slack app (npm run manifests:dedicated).`);
    }
    if (who.teamId !== main!.teamId) {
      throw new ConfigError(`SLACK_AGENT_TOKENS.${agentId} belongs to workspace ${who.teamId}, the main app to ${main!.teamId}: install the agent's app in the same workspace.`);
    }
    seen.set(who.userId, `SLACK_AGENT_TOKENS.${agentId}`);
    dedicated.set(agentId, { mode: 'dedicated', client, userId: who.userId, botId: who.botId });
  }

  log.info(
    { component: 'slack', bot_user: main!.userId, team: main!.teamId, dedicated: [...dedicated.keys()] },
    dedicated.size > 0 ? 'slack identities: main app plus dedicated agent bots' : 'slack identities: main app, every agent posts as a persona',
  );
  return buildIdentities({ client: mainClient, ...main! }, dedicated);
}

async function whoAmI(client: WebClient, what: string, hint: string, apiUrl: string): Promise<Who> {
  let result: Awaited<ReturnType<WebClient['auth']['test']>>;
  try {
    result = await client.auth.test();
  } catch (err) {
    const code = slackErrorCode(err);
    if (code) throw new ConfigError(`${what} was rejected by Slack (${code}): ${hint}`);
    throw new ConfigError(`${what} could not be checked: Slack did not answer at ${apiUrl} (${(err as Error).message}). Check the network or SLACK_API_URL.`);
  }
  if (!result.user_id || !result.team_id) throw new ConfigError(`${what}: Slack's auth.test answer has no user or team; ${hint}`);
  if (!result.bot_id) throw new ConfigError(`${what} is not a bot token (auth.test returned no bot_id): ${hint}`);
  return { userId: result.user_id, botId: result.bot_id, teamId: result.team_id, name: result.user ?? 'Marketing Dept', teamUrl: result.url ?? null };
}
