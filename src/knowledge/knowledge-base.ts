import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Department } from '../department/schema.js';
import { errorLine } from '../lib/error-line.js';
import type { Db } from '../store/database.js';
import { withTryLock } from '../store/try-lock.js';
import { guideRecords } from './brand-guide.js';
import type { KnowledgeHit, KnowledgeIndex, KnowledgeRecord, KnowledgeSearch, KnowledgeType } from './knowledge-index.js';
import { forgottenAmong, markForgotten } from './knowledge-forgotten.js';
import { KNOWLEDGE_SOURCES, type Permalink } from './knowledge-sources.js';

/** The records in Postgres, which every deployment keeps (and searches, without Pinecone). */
export interface KnowledgeRecords extends KnowledgeIndex {
  get(id: string): Promise<KnowledgeRecord | null>;
  latest(opts: { types?: KnowledgeType[]; limit: number }): Promise<KnowledgeRecord[]>;
}

/** Notes people ask the department to remember are kept whole up to this. */
export const NOTE_MAX_CHARS = 4000;

/**
 * The department's memory: records in Postgres, searched there or, when configured, in Pinecone
 * (kept in step: what is remembered or forgotten goes to both). It reads what it knows from the
 * department's own records (sync) and its brand guide (loadGuide), and takes what people tell it.
 */
export class KnowledgeBase {
  constructor(
    private readonly d: {
      records: KnowledgeRecords;
      index: KnowledgeIndex;
      db: Db;
      department: Department;
      departmentDir: string;
      logger: Logger;
      permalink: Permalink;
      /** Refreshes search statistics after the guide was indexed (PGlite, which has no autovacuum). */
      analyze?: () => Promise<void>;
    },
  ) {}

  /** Where searches go, for /dept search and the logs. */
  get searchedBy(): string {
    return this.d.index.name;
  }

  search(query: string, opts: KnowledgeSearch): Promise<KnowledgeHit[]> {
    return this.d.index.search(query, opts);
  }

  get(id: string): Promise<KnowledgeRecord | null> {
    return this.d.records.get(id);
  }

  /** What a person asks the department to remember (`/dept remember`, the message shortcut). */
  async remember(note: { text: string; by: string; permalink?: string | null; conversationId?: string | null }): Promise<KnowledgeRecord> {
    const text = note.text.trim().slice(0, NOTE_MAX_CHARS);
    const record: KnowledgeRecord = {
      id: `note:kn_${randomUUID().replace(/-/g, '').slice(0, 16)}`,
      type: 'note',
      title: text.split('\n')[0]!.slice(0, 120),
      text,
      source: `human:${note.by}`,
      createdAt: new Date(),
      permalink: note.permalink ?? null,
      conversationId: note.conversationId ?? null,
    };
    await this.put([record]);
    return record;
  }

  /** Removes a record from Postgres and the search index; the sources will not bring it back. Null when there is none. */
  async forget(id: string, by: string): Promise<KnowledgeRecord | null> {
    const record = await this.d.records.get(id);
    if (!record) return null;
    await markForgotten(this.d.db, id, by);
    await this.d.records.remove([id]);
    if (this.d.index !== this.d.records) await this.d.index.remove([id]);
    return record;
  }

  /** Reads what is new in the department's records into its memory; how many records it wrote. */
  async sync(): Promise<number> {
    let written = 0;
    for (const source of KNOWLEDGE_SOURCES) {
      const [newest] = await this.d.records.latest({ types: [source.type], limit: 1 });
      // From the newest one indexed, itself included, so nothing at the same moment is missed (a JS
      // Date keeps milliseconds, the tables microseconds). Read again unchanged it is not written
      // again: Pinecone would embed it again, every tick.
      const found = (await source.read(this.d.db, newest?.createdAt ?? new Date(0), this.d.permalink, this.d.department)).filter((r) => !(newest && sameRecord(r, newest)));
      const gone = await forgottenAmong(this.d.db, found.map((r) => r.id));
      const fresh = found.filter((r) => !gone.has(r.id));
      if (fresh.length > 0) await this.put(fresh);
      written += fresh.length;
    }
    return written;
  }

  /** The brand guide's sections: changed ones indexed again, removed ones forgotten; unchanged ones left alone (Pinecone embeds what it is sent). */
  async loadGuide(): Promise<{ indexed: number; removed: number }> {
    const all = guideRecords(this.d.departmentDir);
    // A section a person told it to forget stays forgotten, file or not.
    const gone = await forgottenAmong(this.d.db, all.map((r) => r.id));
    const wanted = all.filter((r) => !gone.has(r.id));
    const held = await this.d.records.latest({ types: ['brand'], limit: 10_000 });
    const heldById = new Map(held.map((r) => [r.id, r]));
    const changed = wanted.filter((r) => {
      const before = heldById.get(r.id);
      return !before || before.text !== r.text || before.title !== r.title;
    });
    const stale = held.filter((r) => r.source.startsWith('manifests/') && !wanted.some((w) => w.id === r.id)).map((r) => r.id);
    if (changed.length > 0) await this.put(changed);
    if (stale.length > 0) {
      await this.d.records.remove(stale);
      if (this.d.index !== this.d.records) await this.d.index.remove(stale);
    }
    return { indexed: changed.length, removed: stale.length };
  }

  /**
   * Sync now and then, and once at start; the first tick this process gets to run also loads the
   * brand guide. One process runs a tick at a time (the try-lock `knowledge_sync`): the others skip
   * it. A failure is logged and tried again next time.
   */
  keepSynced(everyMs: number): { stop(): void } {
    const log = this.d.logger.child({ component: 'knowledge' });
    let running = false;
    let guideLoaded = false;
    const tick = () =>
      withTryLock(this.d.db, 'knowledge_sync', async () => {
        if (!guideLoaded) {
          const guide = await this.loadGuide();
          guideLoaded = true;
          if (guide.indexed > 0) await this.d.analyze?.();
          log.info({ guide_sections_indexed: guide.indexed, guide_sections_removed: guide.removed }, 'brand guide loaded');
        }
        return this.sync();
      });
    const run = () => {
      if (running) return;
      running = true;
      tick()
        .then((n) => n && log.debug({ records: n }, 'knowledge synced'))
        .catch((err: unknown) => log.warn({ err: errorLine(err) }, 'knowledge sync failed; trying again later'))
        .finally(() => (running = false));
    };
    run();
    const timer = setInterval(run, everyMs);
    timer.unref();
    return { stop: () => clearInterval(timer) };
  }

  private async put(records: KnowledgeRecord[]): Promise<void> {
    await this.d.records.upsert(records);
    if (this.d.index !== this.d.records) await this.d.index.upsert(records);
  }
}


const sameRecord = (a: KnowledgeRecord, b: KnowledgeRecord) => a.id === b.id && a.title === b.title && a.text === b.text && a.permalink === b.permalink;
