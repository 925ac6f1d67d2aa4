import { and, desc, eq, ilike, isNull, or, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Db } from './database.js';
import { newId } from './ids.js';
import { publications, type WEBHOOK_STATUSES } from './publication-schema.js';

export type PublicationRow = typeof publications.$inferSelect;
export type WebhookStatus = (typeof WEBHOOK_STATUSES)[number];
export type NewPublication = Pick<
  PublicationRow,
  'deliverableId' | 'version' | 'title' | 'contentType' | 'content' | 'author' | 'approvedBy' | 'conversationId' | 'rehearsal'
>;

/**
 * The department's library in Postgres. A step that talks to the outside (the announcement, the
 * webhook) is claimed before it starts: the claim compares the start time the caller read, so of
 * two callers at once only one goes on, while a re-run after a crash (which read the dead
 * attempt's start) takes it over. Start times are written from JS Dates, so they compare exactly.
 */
export class PublicationStore {
  constructor(private readonly db: Db) {}

  /** The publication of this version: recorded now, or as an earlier call recorded it (that one wins). */
  async record(input: NewPublication): Promise<PublicationRow> {
    const [created] = await this.db
      .insert(publications)
      .values({ id: newId('pub'), ...input })
      .onConflictDoNothing({ target: [publications.deliverableId, publications.version] })
      .returning();
    if (created) return created;
    const [existing] = await this.db
      .select()
      .from(publications)
      .where(and(eq(publications.deliverableId, input.deliverableId), eq(publications.version, input.version)));
    return existing!;
  }

  async get(id: string): Promise<PublicationRow> {
    const [row] = await this.db.select().from(publications).where(eq(publications.id, id));
    if (!row) throw new Error(`publication ${id} is not in the library`);
    return row;
  }

  /** True for the one caller that is to send the webhook now (not answered yet, and nobody started since `seen`). */
  async claimWebhook(id: string, seen: Date | null, at = new Date()): Promise<boolean> {
    const claimed = await this.db
      .update(publications)
      .set({ webhookStartedAt: at })
      .where(and(eq(publications.id, id), isNull(publications.webhookStatus), sameStart(publications.webhookStartedAt, seen)))
      .returning({ id: publications.id });
    return claimed.length === 1;
  }

  async webhookAnswered(id: string, status: WebhookStatus, detail: string): Promise<PublicationRow> {
    const [row] = await this.db.update(publications).set({ webhookStatus: status, webhookDetail: detail }).where(eq(publications.id, id)).returning();
    return row!;
  }

  /** True for the one caller that is to post the announcement now (see claimWebhook). */
  async claimAnnouncement(id: string, seen: Date | null, at = new Date()): Promise<boolean> {
    const claimed = await this.db
      .update(publications)
      .set({ announceStartedAt: at })
      .where(and(eq(publications.id, id), isNull(publications.announceTs), sameStart(publications.announceStartedAt, seen)))
      .returning({ id: publications.id });
    return claimed.length === 1;
  }

  async announced(id: string, channelId: string, ts: string): Promise<PublicationRow> {
    const [row] = await this.db.update(publications).set({ announceChannelId: channelId, announceTs: ts }).where(eq(publications.id, id)).returning();
    return row!;
  }

  /** Slack refused the announcement: it is certainly not in the channel, so a re-run posts without looking first. */
  async announcementRefused(id: string): Promise<void> {
    await this.db.update(publications).set({ announceStartedAt: null }).where(and(eq(publications.id, id), isNull(publications.announceTs)));
  }

  /** The latest publications, newest first; with words, those that have every word in their title, content type or text. */
  async latest(words: string, limit = 10): Promise<PublicationRow[]> {
    const terms = words.split(/\s+/).filter(Boolean).map((w) => `%${w.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    const matches = terms.map((t) => or(ilike(publications.title, t), ilike(publications.contentType, t), ilike(publications.content, t)));
    return this.db.select().from(publications).where(and(...matches)).orderBy(desc(publications.publishedAt)).limit(limit);
  }
}

function sameStart(column: AnyPgColumn, seen: Date | null): SQL {
  return seen ? eq(column, seen) : isNull(column);
}
