import type { types } from '@slack/bolt';
import type { Logger } from 'pino';
import type { CardKind } from '../store/work-schema.js';
import type { AgentPost, CardPost, ThreadPoster } from '../agents/ports.js';
import type { AgentDef, Department } from '../department/schema.js';
import { DEPT_EVENT_TYPE } from '../protocol/message.js';
import { agentPostBlocks } from './agent-post-blocks.js';
import type { CardRenderer } from './card-renderer.js';
import type { ChannelDirectory } from './channel-directory.js';
import type { ChannelIds } from './channel-ids.js';
import type { Identities } from './identities.js';
import { SlackPostError, explainPostFailure } from './post-error.js';
import { mrkdwnFromMarkdown } from './mrkdwn-from-markdown.js';
import { protocolMetadata } from './protocol-metadata.js';
import { cutText, defuseBroadcasts, renderMentions } from './text.js';
import { walkReplies } from './thread-replies.js';
import { slackErrorCode, type WebClient } from './web-client.js';

export interface SlackGatewayDeps {
  identities: Identities;
  department: Department;
  logger: Logger;
  /** Names channels in error messages ("#marketing-content" instead of an id). */
  channels?: ChannelDirectory;
  /** Draws approval and escalation cards from the records. */
  cards?: CardRenderer;
  /** Finds the department's channels (approvals, escalations) by name. */
  channelIds?: ChannelIds;
}

/** Slack metadata event_type of a card the department posts. */
export const CARD_EVENT_TYPE = 'dept_card';

/** Slack metadata event_type of an announcement (a publication) the department's app posts. */
export const ANNOUNCEMENT_EVENT_TYPE = 'dept_announcement';
/** Slack metadata event_type of a thread the department starts under a key (a crisis, a meeting). */
export const THREAD_EVENT_TYPE = 'dept_thread';

/** Slack truncates a message's text beyond this (https://docs.slack.dev/reference/methods/chat.postMessage). */
const SLACK_TEXT_MAX = 40_000;

type PostArgs = Parameters<WebClient['chat']['postMessage']>[0] & { channel: string };

/** Who is posting, for error messages and the /invite hint. */
interface Poster {
  client: WebClient;
  who: string;
  tokenVar: string;
}

/**
 * Posts into Slack threads as the department's agents: a persona through the main bot (its own
 * name and icon via chat:write.customize) or a dedicated agent through its own bot user.
 */
export class SlackGateway implements ThreadPoster {
  private readonly log: Logger;
  constructor(private readonly deps: SlackGatewayDeps) {
    this.log = deps.logger.child({ component: 'slack-gateway' });
  }

  async postAsAgent(post: AgentPost): Promise<{ ts: string }> {
    const { department, identities } = this.deps;
    const agent = department.byId.get(post.agentId);
    if (!agent) throw new SlackPostError('unknown_agent', `There is no agent "${post.agentId}" in the department to post as.`, post.channelId);
    const part = post.protocol.part;
    // A long message's mentions head its first page only.
    const addressed = part && part.index > 1 ? [] : post.mentions.filter((id) => id !== agent.id && (department.byId.has(id) || id.startsWith('human:')));
    // Pages keep each post within max_message_chars; the cut only guards Slack's own 40,000 limit.
    // The record keeps what the agent wrote; Slack gets it as mrkdwn (agents often write Markdown).
    const body = cutText(defuseBroadcasts(mrkdwnFromMarkdown(post.text)), SLACK_TEXT_MAX);
    const text = addressed.length > 0 ? `${renderMentions(addressed, department, identities)} ${body}` : body;
    const base: PostArgs = {
      channel: post.channelId,
      thread_ts: post.threadTs,
      text,
      blocks: agentPostBlocks(text, { rehearsal: post.rehearsal, part }),
      unfurl_links: false,
      metadata: protocolMetadata(post.protocol, post.rehearsal),
    };
    return this.postAs(agent, base);
  }

  /** An approval or escalation card, posted by the agent that asks, in its thread or a department channel. */
  async postCard(card: CardPost): Promise<{ channelId: string; ts: string }> {
    const agent = card.agentId === null ? null : this.deps.department.byId.get(card.agentId);
    if (agent === undefined) throw new SlackPostError('unknown_agent', `There is no agent "${card.agentId}" in the department to post as.`, card.channel);
    const rendered = await this.deps.cards?.render(card.kind, card.refId);
    if (!rendered) throw new SlackPostError('no_card', `The ${card.kind} request ${card.refId} is not in the department's records.`, card.channel);
    const channel = await this.channelOf(card.channel);
    const args: PostArgs = {
      channel,
      ...(card.threadTs ? { thread_ts: card.threadTs } : {}),
      text: rendered.text,
      blocks: rendered.blocks,
      unfurl_links: false,
      metadata: { event_type: CARD_EVENT_TYPE, event_payload: { card_id: card.cardId, kind: card.kind, ref_id: card.refId } },
    };
    const { ts } = agent ? await this.postAs(agent, args) : await this.post(this.mainPoster(), args);
    return { channelId: channel, ts };
  }

  async findCard(card: CardPost & { since: Date }): Promise<{ channelId: string; ts: string } | null> {
    const channel = await this.channelOf(card.channel);
    const oldest = (Math.floor(card.since.getTime() / 1000) - 60).toString();
    const isCard = (m: { metadata?: { event_type?: string; event_payload?: unknown } }) =>
      m.metadata?.event_type === CARD_EVENT_TYPE && (m.metadata.event_payload as { card_id?: unknown } | undefined)?.card_id === card.cardId;
    const client = this.deps.identities.main.client;
    if (card.threadTs) {
      let found: string | null = null;
      await walkReplies(client, { channel, ts: card.threadTs, oldest }, { maxPages: 10 }, (messages) => {
        found = messages.find(isCard)?.ts ?? null;
        return found !== null;
      });
      return found ? { channelId: channel, ts: found } : null;
    }
    const res = await client.conversations.history({ channel, oldest, limit: 100, include_all_metadata: true });
    const ts = (res.messages ?? []).find(isCard)?.ts;
    return ts ? { channelId: channel, ts } : null;
  }

  /** A card as its request stands now (after a decision: the outcome, no buttons), by whoever posted it. */
  async refreshCard(card: { kind: CardKind; refId: string; agentId: string; channelId: string; ts: string }): Promise<void> {
    const rendered = await this.deps.cards?.render(card.kind, card.refId);
    if (!rendered || !this.deps.department.byId.has(card.agentId)) return;
    await this.clientOf(card.agentId).chat.update({ channel: card.channelId, ts: card.ts, text: rendered.text, blocks: rendered.blocks });
  }

  async startThread(post: { agentId: string; channel: string; text: string; unlessIn?: string; key?: string }): Promise<{ channelId: string; ts: string } | null> {
    const agent = this.deps.department.byId.get(post.agentId);
    if (!agent) throw new SlackPostError('unknown_agent', `There is no agent "${post.agentId}" in the department to post as.`, post.channel);
    const channel = await this.channelOf(post.channel);
    if (channel === post.unlessIn) return null;
    const text = cutText(defuseBroadcasts(mrkdwnFromMarkdown(post.text)), SLACK_TEXT_MAX);
    const metadata = post.key ? { metadata: { event_type: THREAD_EVENT_TYPE, event_payload: { key: post.key } } } : {};
    const { ts } = await this.postAs(agent, { channel, text, blocks: agentPostBlocks(text, { rehearsal: false }), unfurl_links: false, ...metadata });
    return { channelId: channel, ts };
  }

  permalink(channelId: string, ts: string, threadTs?: string | null): string | null {
    const base = this.deps.identities.main.teamUrl;
    if (!base) return null;
    const reply = threadTs && threadTs !== ts ? `?thread_ts=${threadTs}&cid=${channelId}` : '';
    return `${base.endsWith('/') ? base : `${base}/`}archives/${channelId}/p${ts.replace('.', '')}${reply}`;
  }

  async findThread(q: { channel: string; key: string; since: Date }): Promise<{ channelId: string; ts: string } | null> {
    return this.findKeyed(THREAD_EVENT_TYPE, q);
  }

  /** Rewrites an agent's own post in place (a workflow's status line). */
  async updateAgentMessage(update: { agentId: string; channelId: string; ts: string; text: string }): Promise<void> {
    const text = cutText(defuseBroadcasts(mrkdwnFromMarkdown(update.text)), SLACK_TEXT_MAX);
    await this.clientOf(update.agentId).chat.update({ channel: update.channelId, ts: update.ts, text, blocks: agentPostBlocks(text, { rehearsal: false }) });
  }

  /** A message can only be updated by the bot that posted it: the agent's own (dedicated) or the main app (persona). */
  private clientOf(agentId: string): WebClient {
    const identity = this.deps.identities.agent(agentId);
    return identity.mode === 'dedicated' ? identity.client : this.deps.identities.main.client;
  }

  /** #name of a department channel → its id; an id as it is. */
  private async channelOf(channel: string): Promise<string> {
    if (!channel.startsWith('#')) return channel;
    const id = await this.deps.channelIds?.idOf(channel.slice(1));
    if (!id) {
      const { main } = this.deps.identities;
      throw new SlackPostError('channel_not_found', `Slack has no channel ${channel} that @${main.name} can see: create it (it is named in manifests/department.yml) and invite @${main.name}.`, channel);
    }
    return id;
  }

  /** chat.postMessage as the agent: its own bot user (dedicated), or the main bot under its name and icon (persona). */
  private async postAs(agent: AgentDef, base: PostArgs): Promise<{ ts: string }> {
    const identity = this.deps.identities.agent(agent.id);
    const args: PostArgs = identity.mode === 'dedicated' ? base : withPersona(base, agent);
    const poster: Poster =
      identity.mode === 'dedicated'
        ? { client: identity.client, who: `@${agent.name}`, tokenVar: `SLACK_AGENT_TOKENS.${agent.id}` }
        : this.mainPoster();
    return this.post(poster, args);
  }

  async findPosted(query: { channelId: string; threadTs: string; messageId: string; since: Date }): Promise<{ ts: string } | null> {
    // conversations.replies is rate-limited hard for commercially distributed apps outside the Slack
    // Marketplace (https://docs.slack.dev/apis/web-api/rate-limits): asked only after a crash mid-post,
    // and only for the minutes since the post was reserved.
    const oldest = (Math.floor(query.since.getTime() / 1000) - 60).toString();
    let found: { ts: string } | null = null;
    await walkReplies(this.deps.identities.main.client, { channel: query.channelId, ts: query.threadTs, oldest }, { maxPages: 10 }, (messages) => {
      const m = messages.find((x) => x.metadata?.event_type === DEPT_EVENT_TYPE && (x.metadata.event_payload as { id?: unknown } | undefined)?.id === query.messageId);
      if (m?.ts) found = { ts: m.ts };
      return found !== null;
    });
    return found;
  }

  /**
   * A plain post by the department's own app at the top of one of its channels (#name or an id),
   * such as a publication: nobody's speech, so no agent's name. `key` goes into the message
   * metadata, where findAnnouncement looks for it after a crash between posting and recording.
   */
  async announce(a: { channel: string; key: string; text: string; blocks: types.KnownBlock[] }): Promise<{ channelId: string; ts: string }> {
    const channel = await this.channelOf(a.channel);
    const args: PostArgs = { channel, text: a.text, blocks: a.blocks, unfurl_links: false, metadata: { event_type: ANNOUNCEMENT_EVENT_TYPE, event_payload: { key: a.key } } };
    const { ts } = await this.post(this.mainPoster(), args);
    return { channelId: channel, ts };
  }

  /** The announcement with this key in the channel, posted since `since`, or null; throws when the channel cannot be read. */
  async findAnnouncement(q: { channel: string; key: string; since: Date }): Promise<{ channelId: string; ts: string } | null> {
    return this.findKeyed(ANNOUNCEMENT_EVENT_TYPE, q);
  }

  /** A top-level post of ours with this metadata type and key in the channel since `since`. */
  private async findKeyed(eventType: string, q: { channel: string; key: string; since: Date }): Promise<{ channelId: string; ts: string } | null> {
    const channel = await this.channelOf(q.channel);
    const oldest = (Math.floor(q.since.getTime() / 1000) - 60).toString();
    const res = await this.deps.identities.main.client.conversations.history({ channel, oldest, limit: 100, include_all_metadata: true });
    const found = (res.messages ?? []).find((m) => m.metadata?.event_type === eventType && (m.metadata.event_payload as { key?: unknown } | undefined)?.key === q.key);
    return found?.ts ? { channelId: channel, ts: found.ts } : null;
  }

  async postNotice(notice: { channelId: string; threadTs: string; text: string }): Promise<{ ts: string }> {
    const text = cutText(notice.text, this.deps.department.file.limits.max_message_chars);
    return this.post(this.mainPoster(), { channel: notice.channelId, thread_ts: notice.threadTs, text, unfurl_links: false });
  }

  private mainPoster(): Poster {
    const { main } = this.deps.identities;
    return { client: main.client, who: `@${main.name}`, tokenVar: 'SLACK_BOT_TOKEN' };
  }

  /** chat.postMessage; a bot that is not in a public channel joins it and tries once more. */
  private async post(poster: Poster, args: PostArgs): Promise<{ ts: string }> {
    try {
      return tsOf(await poster.client.chat.postMessage(args), args.channel);
    } catch (err) {
      if (slackErrorCode(err) !== 'not_in_channel') throw await this.failure(err, poster, args.channel);
    }
    try {
      await poster.client.conversations.join({ channel: args.channel });
      this.log.info({ channel: args.channel, who: poster.who }, 'joined the channel to post in it');
    } catch (err) {
      throw await this.failure(err, poster, args.channel);
    }
    try {
      return tsOf(await poster.client.chat.postMessage(args), args.channel);
    } catch (err) {
      throw await this.failure(err, poster, args.channel);
    }
  }

  private async failure(err: unknown, poster: Poster, channelId: string): Promise<SlackPostError> {
    if (err instanceof SlackPostError) return err;
    const code = slackErrorCode(err) ?? 'unreachable';
    const needed = (err as { data?: { needed?: string } }).data?.needed;
    const message = explainPostFailure(code, { who: poster.who, channel: await this.channelLabel(channelId), tokenVar: poster.tokenVar, needed });
    this.log.warn({ channel: channelId, who: poster.who, code, error: (err as Error).message }, 'slack post failed');
    return new SlackPostError(code, message, channelId);
  }

  private async channelLabel(channelId: string): Promise<string> {
    const info = await this.deps.channels?.lookup(channelId).catch(() => undefined);
    return info?.name ? `#${info.name}` : `<#${channelId}>`;
  }
}

/** The main bot posting under the agent's name and icon (chat:write.customize). */
function withPersona(args: PostArgs, agent: AgentDef): PostArgs {
  const icon = 'emoji' in agent.icon ? { icon_emoji: agent.icon.emoji } : { icon_url: agent.icon.url };
  // The SDK types authorship as a union TypeScript cannot narrow through a spread; this shape is one of its members.
  return { ...args, username: agent.name, ...icon } as PostArgs;
}

function tsOf(result: { ts?: string }, channelId: string): { ts: string } {
  if (!result.ts) throw new SlackPostError('no_ts', 'Slack accepted the message but returned no timestamp.', channelId);
  return { ts: result.ts };
}
