import { createHash } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../store/database.js';
import { HUMANS, MAIN_APP, TEAM } from './constants.js';
import { addMember, ensureChannel, openIm, setTopic } from './data/channels.js';
import { deleteEphemerals } from './data/messages.js';
import { botToken } from './ids.js';
import { iconString, type AgentBot, type WorkspaceGuide } from './options.js';
import { lwTeam, lwTokens, lwUsers } from './schema.js';

export interface SeedResult {
  botToken: string;
  agentTokens: Record<string, string>;
}

/** Slack channel names: lower case, no #, letters, digits, - and _. */
export function channelName(raw: string): string {
  const name = raw.trim().replace(/^#/, '').toLowerCase();
  if (!/^[a-z0-9][a-z0-9_-]{0,79}$/.test(name)) throw new Error(`local workspace: "${raw}" is not a valid Slack channel name (a-z, 0-9, - and _).`);
  return name;
}

/** Stable ids for an agent's bot user, bot and app, derived from its id (the same on every start). */
export function agentBotIds(agentId: string): { userId: string; botId: string; appId: string } {
  const tag = createHash('sha1').update(agentId).digest('hex').slice(0, 8).toUpperCase();
  return { userId: `U0AGENT${tag}`, botId: `B0AGENT${tag}`, appId: `A0AGENT${tag}` };
}

/**
 * Creates what the workspace needs on every start, idempotently: the team, the app's bot user,
 * the two people, the dedicated agent bots, the channels (everyone a member) and each person's
 * DM with the app, with the guide's topics. Tokens are issued once and reused, so a restart keeps the app's token valid.
 */
export async function seedWorkspace(db: Db, input: { channels: string[]; agentBots: AgentBot[]; guide?: WorkspaceGuide }): Promise<SeedResult> {
  const now = Math.floor(Date.now() / 1000);
  await db.insert(lwTeam).values(TEAM).onConflictDoNothing();

  const users = [
    { id: MAIN_APP.userId, name: MAIN_APP.name, realName: MAIN_APP.realName, isBot: true, botId: MAIN_APP.botId, appId: MAIN_APP.appId, icon: MAIN_APP.icon },
    ...HUMANS.map((h) => ({ id: h.id, name: h.name, realName: h.realName, isBot: false, icon: h.icon })),
    ...input.agentBots.map((b) => ({
      id: agentBotIds(b.agentId).userId,
      botId: agentBotIds(b.agentId).botId,
      appId: agentBotIds(b.agentId).appId,
      name: b.agentId.replace(/_/g, '-'),
      realName: b.name,
      isBot: true,
      agentId: b.agentId,
      icon: iconString(b.icon) ?? null,
    })),
  ];
  for (const u of users) {
    await db
      .insert(lwUsers)
      .values({ teamId: TEAM.id, ...u })
      .onConflictDoUpdate({ target: lwUsers.id, set: { name: u.name, realName: u.realName, icon: u.icon } });
  }

  const botToken = await tokenFor(db, MAIN_APP.userId);
  const agentTokens: Record<string, string> = {};
  for (const b of input.agentBots) agentTokens[b.agentId] = await tokenFor(db, agentBotIds(b.agentId).userId);

  const members = [MAIN_APP.userId, ...HUMANS.map((h) => h.id), ...input.agentBots.map((b) => agentBotIds(b.agentId).userId)];
  const names = [...new Set(['general', ...input.channels.map(channelName)])];
  for (const name of names) {
    const channel = await ensureChannel(db, name, HUMANS[0].id, now);
    for (const userId of members) await addMember(db, channel.id, userId);
    const topic = input.guide?.topics?.[name];
    if (topic !== undefined && topic !== channel.topic) await setTopic(db, channel.id, topic);
  }
  for (const h of HUMANS) {
    const { channel } = await openIm(db, h.id, MAIN_APP.userId, now);
    const topic = input.guide?.appDmTopic;
    if (topic !== undefined && topic !== channel.topic) await setTopic(db, channel.id, topic);
  }
  // Ephemeral messages are for the moment, as in Slack: a restart does not bring them back.
  await deleteEphemerals(db);
  return { botToken, agentTokens };
}

/** The bot's existing token, or a new one. An advisory lock keeps two starting processes from issuing two. */
async function tokenFor(db: Db, userId: string): Promise<string> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`lw_token:${userId}`}))`);
    const [existing] = await tx.select().from(lwTokens).where(eq(lwTokens.userId, userId));
    if (existing) return existing.token;
    const token = botToken();
    await tx.insert(lwTokens).values({ token, userId });
    return token;
  });
}
