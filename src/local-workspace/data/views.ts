import { and, asc, eq, inArray, isNotNull } from 'drizzle-orm';
import type { Db } from '../../store/database.js';
import { lwViews } from '../schema.js';
import type { NewViewRow, ViewRow } from './rows.js';
import { storable } from './storable.js';

/** Modal stacks (per person) and App Home views. */

export async function getView(db: Db, id: string): Promise<ViewRow | undefined> {
  const [row] = await db.select().from(lwViews).where(eq(lwViews.id, id));
  return row;
}

export async function viewByExternalId(db: Db, externalId: string): Promise<ViewRow | undefined> {
  const [row] = await db.select().from(lwViews).where(eq(lwViews.externalId, externalId));
  return row;
}

export async function insertView(db: Db, row: NewViewRow): Promise<ViewRow> {
  const [inserted] = await db.insert(lwViews).values(storable(row)).returning();
  return inserted!;
}

export async function updateView(db: Db, id: string, patch: Partial<NewViewRow>): Promise<ViewRow | undefined> {
  const [row] = await db
    .update(lwViews)
    .set({ ...storable(patch), updatedAt: new Date() })
    .where(eq(lwViews.id, id))
    .returning();
  return row;
}

/** The person's open modals, bottom first (the last one is on screen). */
export async function modalStack(db: Db, userId: string): Promise<ViewRow[]> {
  return db
    .select()
    .from(lwViews)
    .where(and(eq(lwViews.userId, userId), eq(lwViews.type, 'modal'), isNotNull(lwViews.stackPosition)))
    .orderBy(asc(lwViews.stackPosition));
}

/** Takes views off the screen; they stay readable by id (Slack's view ids outlive the modal). */
export async function closeViews(db: Db, ids: string[]): Promise<void> {
  if (ids.length) await db.update(lwViews).set({ stackPosition: null, updatedAt: new Date() }).where(inArray(lwViews.id, ids));
}

export async function homeView(db: Db, userId: string, appId: string): Promise<ViewRow | undefined> {
  const [row] = await db
    .select()
    .from(lwViews)
    .where(and(eq(lwViews.userId, userId), eq(lwViews.appId, appId), eq(lwViews.type, 'home')));
  return row;
}
