import { and, asc, eq, or } from 'drizzle-orm';
import type { Db } from '../../store/database.js';
import { TEAM } from '../constants.js';
import { slackId } from '../ids.js';
import { lwChannelMembers, lwChannels } from '../schema.js';
import type { ChannelRow } from './rows.js';

/** Channels, DMs and who is in them. */

export async function getChannel(db: Db, id: string): Promise<ChannelRow | undefined> {
  const [row] = await db.select().from(lwChannels).where(eq(lwChannels.id, id));
  return row;
}

export async function channelByName(db: Db, name: string): Promise<ChannelRow | undefined> {
  const [row] = await db.select().from(lwChannels).where(eq(lwChannels.name, name));
  return row;
}

export async function listChannels(db: Db): Promise<ChannelRow[]> {
  return db.select().from(lwChannels).orderBy(asc(lwChannels.created), asc(lwChannels.name));
}

export async function isMember(db: Db, channelId: string, userId: string): Promise<boolean> {
  const [row] = await db
    .select({ userId: lwChannelMembers.userId })
    .from(lwChannelMembers)
    .where(and(eq(lwChannelMembers.channelId, channelId), eq(lwChannelMembers.userId, userId)));
  return row !== undefined;
}

export async function memberIds(db: Db, channelId: string): Promise<string[]> {
  const rows = await db
    .select({ userId: lwChannelMembers.userId })
    .from(lwChannelMembers)
    .where(eq(lwChannelMembers.channelId, channelId))
    .orderBy(asc(lwChannelMembers.joinedAt), asc(lwChannelMembers.userId));
  return rows.map((r) => r.userId);
}

/** Adds the user; false when they were already a member. */
export async function addMember(db: Db, channelId: string, userId: string): Promise<boolean> {
  const added = await db.insert(lwChannelMembers).values({ channelId, userId }).onConflictDoNothing().returning({ userId: lwChannelMembers.userId });
  return added.length > 0;
}

/** Ids of the channels a user is a member of. */
export async function channelIdsOf(db: Db, userId: string): Promise<Set<string>> {
  const rows = await db.select({ channelId: lwChannelMembers.channelId }).from(lwChannelMembers).where(eq(lwChannelMembers.userId, userId));
  return new Set(rows.map((r) => r.channelId));
}

/** Creates a public channel unless one of that name exists; returns it either way. */
export async function ensureChannel(db: Db, name: string, creator: string, nowSeconds: number): Promise<ChannelRow> {
  await db
    .insert(lwChannels)
    .values({ id: slackId('C'), teamId: TEAM.id, name, creator, created: nowSeconds, isGeneral: name === 'general' })
    .onConflictDoNothing({ target: lwChannels.name });
  return (await channelByName(db, name))!;
}

export async function setTopic(db: Db, channelId: string, topic: string): Promise<void> {
  await db.update(lwChannels).set({ topic }).where(eq(lwChannels.id, channelId));
}

const imKey = (a: string, b: string) => [a, b].sort().join(':');

/** The DM between two users, created (with both as members) the first time it is asked for. */
export async function openIm(db: Db, a: string, b: string, nowSeconds: number): Promise<{ channel: ChannelRow; created: boolean }> {
  const key = imKey(a, b);
  const inserted = await db
    .insert(lwChannels)
    .values({ id: slackId('D'), teamId: TEAM.id, isIm: true, isPrivate: true, imKey: key, creator: a, created: nowSeconds })
    .onConflictDoNothing({ target: lwChannels.imKey })
    .returning();
  const [channel] = inserted.length ? inserted : await db.select().from(lwChannels).where(eq(lwChannels.imKey, key));
  await addMember(db, channel!.id, a);
  await addMember(db, channel!.id, b);
  return { channel: channel!, created: inserted.length > 0 };
}

/** The other person in a DM, seen from `viewer`. */
export function imPartner(channel: ChannelRow, viewer: string): string | undefined {
  if (!channel.imKey) return undefined;
  const [a, b] = channel.imKey.split(':');
  return a === viewer ? b : a;
}

/** Public channels plus the DMs the user is in: what their sidebar lists. */
export async function channelsVisibleTo(db: Db, userId: string): Promise<ChannelRow[]> {
  const rows = await db
    .select({ channel: lwChannels })
    .from(lwChannels)
    .leftJoin(lwChannelMembers, and(eq(lwChannelMembers.channelId, lwChannels.id), eq(lwChannelMembers.userId, userId)))
    .where(or(eq(lwChannels.isIm, false), eq(lwChannelMembers.userId, userId)))
    .orderBy(asc(lwChannels.name));
  return rows.map((r) => r.channel);
}
