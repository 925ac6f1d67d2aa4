import type { ProtocolMessage } from '../protocol/message.js';
import type { CardKind } from '../store/work-schema.js';

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

/** A card (approval request, escalation) an agent posts: its content is rendered from the records. */
export interface CardPost {
  cardId: string;
  kind: CardKind;
  refId: string;
  /** The agent whose identity posts it; null: the department's own app (a person's decision). */
  agentId: string | null;
  /** A channel id, or #name of a department channel. */
  channel: string;
  /** The thread it replies in; null for a top-level post. */
  threadTs: string | null;
}

/** What the agent runtime needs from Slack: post into a thread as an agent, or as the department. */
export interface ThreadPoster {
  /** Throws a PostFailure when Slack did not take the post. */
  postAsAgent(post: AgentPost): Promise<{ ts: string }>;
  /**
   * The ts of an agent message already in the thread (found by its protocol id), or null. Asked only
   * after a worker died between posting and recording, so a re-run never posts it twice. Throws
   * when the thread cannot be read.
   */
  findPosted(query: { channelId: string; threadTs: string; messageId: string; since: Date }): Promise<{ ts: string } | null>;
  /** Posts a card; throws a PostFailure when Slack did not take it. */
  postCard(card: CardPost): Promise<{ channelId: string; ts: string }>;
  /** A card already in Slack (after a crash between posting and recording), or null; throws when it cannot look. */
  findCard(card: CardPost & { since: Date }): Promise<{ channelId: string; ts: string } | null>;
  /** Redraws a posted card as its request stands now (decided, expired: no buttons). */
  refreshCard(card: { kind: CardKind; refId: string; agentId: string; channelId: string; ts: string }): Promise<void>;
  /**
   * Starts a thread: a top-level post as an agent in a channel (an id, or #name of one of the
   * department's); null, posting nothing, when that channel is `unlessIn`. A `key` goes into the
   * post's metadata, where findThread looks for it after a crash between posting and recording.
   */
  startThread(post: { agentId: string; channel: string; text: string; unlessIn?: string; key?: string }): Promise<{ channelId: string; ts: string } | null>;
  /** The thread started under `key` in the channel since `since`, or null; throws when it cannot look. */
  findThread(query: { channel: string; key: string; since: Date }): Promise<{ channelId: string; ts: string } | null>;
  /** Rewrites an agent's own post in place (a workflow's status line). */
  updateAgentMessage(update: { agentId: string; channelId: string; ts: string; text: string }): Promise<void>;
  /**
   * A message's Slack address, built from the workspace's (auth.test `url`) as Slack builds its
   * permalinks (https://docs.slack.dev/reference/methods/chat.getPermalink); null when unknown.
   */
  permalink?(channelId: string, ts: string, threadTs?: string | null): string | null;
  /** A department notice (budget reached, a failure) posted by the main app in the thread. */
  postNotice(notice: { channelId: string; threadTs: string; text: string }): Promise<{ ts: string }>;
}

/** A person's message in a Slack thread, its text as the model reads it. */
export interface ThreadMessage {
  ts: string;
  slackUserId: string;
  text: string;
}

/** What the agent runtime reads from Slack beyond the department's own record of a thread. */
export interface ThreadReader {
  /**
   * People's messages of a thread, oldest first (the department's own posts and other apps' left
   * out). Slack rate-limits this hard: asked once per thread the department never saw. Throws
   * when the thread cannot be read; an error whose `transient` is false will not pass by trying
   * again (no such thread, no access).
   */
  readThread(query: { channelId: string; threadTs: string }): Promise<ThreadMessage[]>;
  /** People's display names by Slack user id; ids it cannot name (yet) are left out. Never throws. */
  peopleNames(userIds: string[]): Promise<Map<string, string>>;
}

/** What a poster's error says about a post that failed (SlackPostError is one). */
export interface PostFailure extends Error {
  /** Worth trying again later (rate limit, network, Slack trouble). */
  readonly transient: boolean;
  /** Slack answered no: the message is certainly not in the thread. */
  readonly refused: boolean;
}

export function isPostFailure(err: unknown): err is PostFailure {
  const e = err as Partial<PostFailure> | null;
  return err instanceof Error && typeof e?.transient === 'boolean' && typeof e.refused === 'boolean';
}
