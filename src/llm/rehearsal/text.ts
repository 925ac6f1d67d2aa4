import type { AgentDef } from '../../department/schema.js';
import { clip } from '../../lib/clip.js';

/**
 * Appended to everything the rehearsal model posts, so nobody mistakes it for Claude.
 * No underscores inside the italics: mrkdwn would end them at the first one.
 */
export const REHEARSAL_NOTE = '_(rehearsal answer — set an Anthropic API key for Claude)_';

export const stripNote = (text: string): string => text.replace(/_?\(rehearsal answer[^)]*\)_?/g, '').trim();

export const capFirst = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
export const names = (agents: AgentDef[]) =>
  agents.length <= 1 ? (agents[0]?.name ?? '') : `${agents.slice(0, -1).map((a) => a.name).join(', ')} and ${agents.at(-1)!.name}`;

/** Slack mention markup and mrkdwn decoration are noise for topic and summary extraction. */
const plain = (text: string) =>
  stripNote(text)
    .replace(/<[@#!][^>]*>/g, '')
    .replace(/(^|\s)@[a-z][\w-]*/gi, '$1') // persona handles: who it is for, not what it is about
    .replace(/[*_~`]/g, '')
    .trim();

/** A short topic for subjects: an explicit "Topic:" line, a quoted title, or the first real sentence. */
export function topicOf(text: string): string {
  const clean = plain(text);
  const line = /^(?:Topic|Subject):\s*(.+)$/im.exec(clean)?.[1];
  if (line) return clip(line.trim(), 80);
  const quoted = /[“"]([^”"\n]{6,100})[”"]/.exec(clean)?.[1];
  if (quoted) return clip(quoted.trim(), 80);
  const sentences = clean.split(/(?<=[.!?])\s+|\n+/).map((s) => s.replace(/[.!?:]+$/, '').trim()).filter(Boolean);
  // Skip greetings like "Morning team!": the first sentence of four words or more carries the ask.
  const sentence = sentences.find((s) => s.split(/\s+/).length >= 4) ?? sentences[0] ?? 'this request';
  return clip(capFirst(stripAsk(sentence)), 80);
}

/** "Can you please write a blog post on X" → "blog post on X": the ask's wording is not the topic. */
const stripAsk = (s: string) =>
  s
    .replace(/^(?:hi|hey|hello)\b[,!\s]*/i, '')
    .replace(/^(?:(?:can|could|would) you\s+)?(?:please\s+)?/i, '')
    .replace(/^(?:(?:we|i)\s+)?(?:need|want|would like)\s+(?:you to\s+)?/i, '')
    .replace(/^(?:write|create|draft|make|prepare|produce|put together)\s+/i, '')
    .replace(/^(?:a|an|the|some|our)\s+/i, '') || s;

/** First meaningful line of a post, for wrap-up summaries. */
export function gist(text: string): string {
  const line = plain(text).split('\n').map((l) => l.trim()).find((l) => l && !/^(?:Topic|Subject):/i.test(l));
  return clip(line ?? '(no text)', 110);
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Whole-word, case-insensitive; a multi-word phrase matches across any whitespace; a plural "s"/"es" is tolerated. */
export function mentionsPhrase(text: string, phrase: string): boolean {
  const body = phrase.trim().split(/\s+/).map(escapeRe).join('\\s+');
  if (!body) return false;
  return new RegExp(`(?<![\\p{L}\\p{N}_])${body}(?:e?s)?(?![\\p{L}\\p{N}_])`, 'iu').test(text);
}

export const matchesExpertise = (agent: AgentDef, text: string) => agent.expertise.some((e) => mentionsPhrase(plain(text), e));

const STOP = new Set('the and for with our your this that from into about need needs please can you will have make all more its are was'.split(' '));
const words = (s: string) =>
  s.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((w) => w.length >= 3 && !STOP.has(w)).map((w) => w.replace(/s$/, ''));

/**
 * The agent's responsibilities that share words with the request, best first (ties keep manifest
 * order); when none does, its first ones. Managing people is never the ask.
 */
export function relevantResponsibilities(agent: AgentDef, text: string, n: number): string[] {
  const asked = new Set(words(plain(text)));
  const candidates = agent.responsibilities.filter((r) => !/^manage\b/i.test(r));
  const pool = candidates.length > 0 ? candidates : agent.responsibilities;
  const scored = pool
    .map((r, i) => ({ r, i, score: words(r).filter((w) => asked.has(w)).length }))
    .sort((a, b) => b.score - a.score || a.i - b.i);
  const related = scored.filter((x) => x.score > 0);
  return (related.length > 0 ? related : scored).slice(0, n).map((x) => x.r);
}
