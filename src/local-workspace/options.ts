import type { Logger } from 'pino';
import type { Db } from '../store/database.js';

/** An agent icon as the department describes it: ":emoji:", an image URL, or the manifest's object. */
export type AgentIcon = string | { emoji: string } | { url: string };

/** An agent the composer offers for @mention autocompletion. */
export interface AgentEntry {
  id: string;
  name: string;
  /** What the app routes on in persona mode: "@handle". */
  handle: string;
  icon?: AgentIcon | undefined;
}

/** The page's first-hour guidance, written by whoever knows the app (see src/slack/local-guide.ts). */
export interface WorkspaceGuide {
  /** Channel name → its topic (set on every start). */
  topics?: Record<string, string>;
  /** Topic of each person's DM with the app. */
  appDmTopic?: string;
  /** mrkdwn pinned at the top of each person's DM with the app, where the page opens. */
  welcome?: string;
  /** A line shown above the page, e.g. that answers come from the offline rehearsal model. */
  banner?: string;
}

/** An agent that gets a bot user of its own (dedicated mode): its token goes in SLACK_AGENT_TOKENS. */
export interface AgentBot {
  agentId: string;
  name: string;
  icon?: AgentIcon | undefined;
}

export interface LocalWorkspaceOptions {
  db: Db;
  /** 0 picks a free port. */
  port: number;
  /** Interface to bind; defaults to 127.0.0.1 (the workspace has no logins: keep it local). */
  host?: string;
  /** Where the app receives Slack requests, e.g. http://127.0.0.1:3000/slack/events. */
  appUrl: string;
  signingSecret: string;
  /** Channel names (without #) to create; "general" is always added. */
  channels: string[];
  /** What to tell people on the page: who answers where, what to try, and what is simulated. */
  guide?: WorkspaceGuide;
  agents: AgentEntry[];
  agentBots?: AgentBot[];
  logger: Logger;
  /** Slash commands the composer sends as commands (default ["/dept"]). */
  commands?: string[];
  /** Tuning for tests: waits between event retries (default 1 s, 5 s, 30 s). */
  retryDelaysMs?: number[];
  /** How long a trigger_id may be exchanged for a view (default 3 s, as Slack). */
  triggerTtlMs?: number;
}

export interface LocalWorkspace {
  /** The web client. */
  url: string;
  /** Slack Web API base for SLACK_API_URL; ends with /api/. */
  apiUrl: string;
  /** The main app's bot token (SLACK_BOT_TOKEN). */
  botToken: string;
  /** agentId → bot token of its dedicated bot user (SLACK_AGENT_TOKENS). */
  agentTokens: Record<string, string>;
  humans: { id: string; name: string }[];
  stop(): Promise<void>;
}

/** ":emoji:" or a URL, whatever form the icon came in. */
export function iconString(icon: AgentIcon | undefined): string | undefined {
  if (icon === undefined) return undefined;
  if (typeof icon === 'string') return icon;
  return 'emoji' in icon ? icon.emoji : icon.url;
}
