import type { Logger } from 'pino';
import { errorLine } from '../lib/error-line.js';
import type { KnowledgeIndex, KnowledgeType } from '../knowledge/knowledge-index.js';
import { citeNote, knowledgeNotes, type KnowledgeNote } from './turn-knowledge.js';
import type { PromptEntry } from './turn-prompt.js';

/** Records a turn is given at most; the budget usually stops it first. */
const TOP_K = 8;
/** Tokens of knowledge a turn is given unless the department file says otherwise (limits.knowledge_tokens). */
export const DEFAULT_KNOWLEDGE_TOKENS = 1500;

/**
 * The knowledge for a turn: what bears on the incoming message, read with the thread's opening
 * request (a reply like "go ahead" says little on its own). A knowledge base that does not answer
 * costs the turn its memory, not the turn.
 */
export async function knowledgeForTurn(
  index: Pick<KnowledgeIndex, 'search'>,
  thread: { history: PromptEntry[]; incoming: PromptEntry },
  budgetTokens: number,
  log: Logger,
): Promise<KnowledgeNote[]> {
  if (budgetTokens <= 0) return [];
  const query = [thread.incoming.text, thread.history[0]?.text ?? ''].join('\n').slice(0, 2000);
  try {
    return knowledgeNotes(await index.search(query, { topK: TOP_K }), budgetTokens);
  } catch (err) {
    log.warn({ err: errorLine(err) }, 'knowledge search failed; the turn goes on without it');
    return [];
  }
}

/** search_knowledge's answer: the records found, each with its link, or that there were none. */
export async function searchKnowledgeText(index: Pick<KnowledgeIndex, 'search'>, query: string, types: KnowledgeType[]): Promise<string> {
  const hits = await index.search(query, { topK: 5, ...(types.length ? { types } : {}) });
  if (hits.length === 0) return `Nothing in the department's knowledge matches "${query}".`;
  const notes = knowledgeNotes(hits, 3000);
  return notes.map((n) => `${n.type} · ${n.date} · ${n.source} · ${citeNote(n)}\n${n.title}\n${n.text}`).join('\n\n');
}
