import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { KNOWLEDGE_TYPES, type KnowledgeRecord } from '../../src/knowledge/knowledge-index.js';

/**
 * The labelled set bench:knowledge measures retrieval quality on: records of a fictional B2B SaaS
 * marketing department (Fernhill, a helpdesk) and questions asked in everyday words, each with the
 * ids of the records that answer it. `kind` says whether the question shares its key words with
 * the answer ("keyword") or says the same thing in other words ("paraphrase"); most are paraphrases,
 * as people ask, so a keyword search scores lower on them and the report shows both.
 */
export const KNOWLEDGE_SET_FILE = fileURLToPath(new URL('./knowledge-set.json', import.meta.url));

const recordSchema = z.object({
  id: z.string().min(1),
  type: z.enum(KNOWLEDGE_TYPES),
  title: z.string().min(1),
  text: z.string().min(1),
  source: z.string().min(1),
  createdAt: z.iso.datetime().transform((s) => new Date(s)),
  permalink: z.string().nullable(),
  conversationId: z.string().nullable(),
});

const questionSchema = z.object({
  id: z.string().min(1),
  question: z.string().min(1),
  kind: z.enum(['keyword', 'paraphrase']),
  answers: z.array(z.string()).min(1),
});

const setSchema = z.object({ company: z.string(), records: z.array(recordSchema), questions: z.array(questionSchema) });

export type KnowledgeQuestion = z.infer<typeof questionSchema>;
export interface KnowledgeSet {
  records: KnowledgeRecord[];
  questions: KnowledgeQuestion[];
}

/** Reads and checks the set; a malformed file fails with the field at fault. */
export function loadKnowledgeSet(file = KNOWLEDGE_SET_FILE): KnowledgeSet {
  const parsed = setSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`${file}: ${z.prettifyError(parsed.error)}`);
  return { records: parsed.data.records, questions: parsed.data.questions };
}
