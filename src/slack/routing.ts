import type { Department, Layer } from '../department/schema.js';
import { handlesIn, namedAfterAppMention, nativeMentionsIn, type Addressed } from './addressing.js';

export type ChannelType = 'channel' | 'group' | 'im' | 'mpim';
export type RouteReason = 'mention' | 'handle' | 'thread' | 'home_channel' | 'dm' | 'none';

export interface RoutingInput {
  text: string;
  /** Channel name without #, when known (home-channel routing needs it). */
  channelName?: string | undefined;
  channelType: ChannelType;
  isThreadReply: boolean;
  /** Agents that posted in this thread, most recent first. */
  threadAgents: string[];
  mainBotUserId: string;
  agentByUserId: (userId: string) => string | undefined;
  department: Department;
}

export interface Route {
  targets: string[];
  reason: RouteReason;
}

/**
 * Which agents a person's message is for (ARCHITECTURE "Addressing"). Pure: the same text in the
 * same place gives the same answer, so Slack's app_mention and message events for one post agree.
 *   a/b. named explicitly: native <@agent bot> mentions, @handles anywhere, or the name right after <@app>
 *   c.   a thread reply → the agent that spoke last in the thread
 *   d.   a top-level message (or one mentioning the app) in an agent's home channel → that channel's lead
 *   e.   a DM to the app → the front desk
 *   f.   any other mention of the app → the front desk
 *   g.   otherwise nobody: people talking among themselves are left alone
 */
export function resolveTargets(input: RoutingInput): Route {
  const { text, department } = input;
  const native = nativeMentionsIn(text, input.mainBotUserId, input.agentByUserId);
  const named = [...native.agents, ...handlesIn(text, department), ...namedAfterAppMention(text, native.mainAppAt, department)];
  if (named.length > 0) return { targets: inOrder(named), reason: native.agents.length > 0 ? 'mention' : 'handle' };

  const lastSpeaker = input.threadAgents.find((id) => department.byId.has(id));
  if (input.isThreadReply && lastSpeaker) return { targets: [lastSpeaker], reason: 'thread' };

  const mentionsApp = native.mainAppAt.length > 0;
  const home = input.channelName ? homeAgent(department, input.channelName) : undefined;
  if (home && (!input.isThreadReply || mentionsApp)) return { targets: [home], reason: 'home_channel' };

  if (input.channelType === 'im') return { targets: [department.file.front_desk], reason: 'dm' };
  if (mentionsApp) return { targets: [department.file.front_desk], reason: 'mention' };
  return { targets: [], reason: 'none' };
}

const rank: Record<Layer, number> = { executive: 0, management: 1, specialist: 2 };

/** The most senior agent whose home channel this is (manifest order breaks ties). */
export function homeAgent(department: Department, channelName: string): string | undefined {
  let best: { id: string; rank: number } | undefined;
  for (const a of department.agents) {
    if (a.home_channels.includes(channelName) && (!best || rank[a.layer] < best.rank)) best = { id: a.id, rank: rank[a.layer] };
  }
  return best?.id;
}

function inOrder(addressed: Addressed[]): string[] {
  return [...new Set([...addressed].sort((x, y) => x.at - y.at).map((a) => a.agentId))];
}
