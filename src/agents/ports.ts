import type { ProtocolMessage } from '../protocol/message.js';

export interface AgentPost {
  agentId: string;
  channelId: string;
  threadTs: string;
  text: string;
  /** Agent ids addressed by this message; rendered as real @mentions (dedicated) or @Name (persona). */
  mentions: string[];
  protocol: ProtocolMessage;
  /** Written by the offline rehearsal model: the post carries a visible label. */
  rehearsal: boolean;
}

/** What the agent runtime needs from Slack: post into a thread as an agent, or as the department. */
export interface ThreadPoster {
  postAsAgent(post: AgentPost): Promise<{ ts: string }>;
  /** A department notice (budget reached, a failure) posted by the main app in the thread. */
  postNotice(notice: { channelId: string; threadTs: string; text: string }): Promise<{ ts: string }>;
}
