import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../store/database.js';
import { hookId } from '../ids.js';
import { lwResponseUrls } from '../schema.js';
import type { HookRow } from './rows.js';

/** Slack's limits for a response_url: five uses within thirty minutes. */
const MAX_USES = 5;
const VALID_MS = 30 * 60_000;

export async function createHook(
  db: Db,
  hook: { channelId: string; userId: string; messageTs?: string | undefined; threadTs?: string | undefined; fromCommand?: boolean },
): Promise<string> {
  const id = hookId();
  await db.insert(lwResponseUrls).values({ id, ...hook, expiresAt: new Date(Date.now() + VALID_MS) });
  return id;
}

/** Counts one use; undefined when the URL is unknown, expired or used up. */
export async function useHook(db: Db, id: string): Promise<HookRow | undefined> {
  const [row] = await db
    .update(lwResponseUrls)
    .set({ uses: sql`${lwResponseUrls.uses} + 1` })
    .where(sql`${lwResponseUrls.id} = ${id} and ${lwResponseUrls.uses} < ${MAX_USES} and ${lwResponseUrls.expiresAt} > now()`)
    .returning();
  return row;
}

/** Remembers the message a response_url last posted, so replace_original can replace it. */
export async function setHookMessage(db: Db, id: string, messageTs: string): Promise<void> {
  await db.update(lwResponseUrls).set({ messageTs }).where(eq(lwResponseUrls.id, id));
}
