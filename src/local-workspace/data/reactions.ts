import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../store/database.js';
import { lwReactions } from '../schema.js';

/** Emoji reactions on messages, summarised per message as Slack reports them. */
export interface Reaction {
  name: string;
  users: string[];
  count: number;
}

/** false when that person already reacted with that emoji. */
export async function addReaction(db: Db, channelId: string, ts: string, name: string, userId: string): Promise<boolean> {
  const rows = await db.insert(lwReactions).values({ channelId, ts, name, userId }).onConflictDoNothing().returning({ name: lwReactions.name });
  return rows.length > 0;
}

export async function reactionsFor(db: Db, channelId: string, tsList: string[]): Promise<Map<string, Reaction[]>> {
  const out = new Map<string, Reaction[]>();
  if (tsList.length === 0) return out;
  const rows = await db
    .select()
    .from(lwReactions)
    .where(and(eq(lwReactions.channelId, channelId), inArray(lwReactions.ts, tsList)))
    .orderBy(asc(lwReactions.createdAt));
  for (const r of rows) {
    const list = out.get(r.ts) ?? [];
    let reaction = list.find((x) => x.name === r.name);
    if (!reaction) list.push((reaction = { name: r.name, users: [], count: 0 }));
    reaction.users.push(r.userId);
    reaction.count++;
    out.set(r.ts, list);
  }
  return out;
}
