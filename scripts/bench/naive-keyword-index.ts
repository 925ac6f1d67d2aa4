import type { KnowledgeHit, KnowledgeIndex, KnowledgeRecord, KnowledgeSearch } from '../../src/knowledge/knowledge-index.js';

const STOP = new Set('a an and are as at be by can do does for from how i in is it me my of on or our should so that the this to us we what when where which who why with you your'.split(' '));
const words = (s: string) => s.toLowerCase().match(/[a-z0-9]+/g)?.filter((w) => !STOP.has(w)) ?? [];

/**
 * A stand-in for trying bench:knowledge before the Postgres twin is merged (`--index naive`): an
 * in-memory scan that counts query words in each record (title words twice). Not a model of full-text
 * search, no stemming, and its figures say nothing about the real index.
 */
export class NaiveKeywordIndex implements KnowledgeIndex {
  readonly name = 'naive in-memory keyword scan (bench stand-in)';
  private readonly records = new Map<string, { record: KnowledgeRecord; title: string[]; text: string[] }>();

  async upsert(records: KnowledgeRecord[]): Promise<void> {
    for (const record of records) this.records.set(record.id, { record, title: words(record.title), text: words(record.text) });
  }

  async search(query: string, opts: KnowledgeSearch): Promise<KnowledgeHit[]> {
    const terms = new Set(words(query));
    const hits: KnowledgeHit[] = [];
    for (const { record, title, text } of this.records.values()) {
      if (opts.types && !opts.types.includes(record.type)) continue;
      let score = 0;
      for (const w of title) if (terms.has(w)) score += 2;
      for (const w of text) if (terms.has(w)) score += 1;
      if (score > 0) hits.push({ ...record, score });
    }
    return hits.sort((a, b) => b.score - a.score || a.id.localeCompare(b.id)).slice(0, opts.topK);
  }

  async remove(ids: string[]): Promise<void> {
    for (const id of ids) this.records.delete(id);
  }
}
