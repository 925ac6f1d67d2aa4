import type Anthropic from '@anthropic-ai/sdk';
import { NO_WORK, parseThreadWork, renderThreadWork, type ThreadWork } from './thread-work.js';
import { parseKnowledge, renderKnowledge, type KnowledgeNote } from './turn-knowledge.js';

/**
 * The user message of an agent turn: the thread so far and the message the agent is answering.
 * It is plain text for Claude, in a line format regular enough that the offline rehearsal
 * model can read it back with parseTurnPrompt.
 */
export interface PromptEntry {
  /** Agent id, or human:<slack user id>. */
  from: string;
  fromName: string;
  to: string[];
  type: string;
  text: string;
}

export interface TurnPrompt {
  agentId: string;
  channelId: string;
  threadTs: string;
  history: PromptEntry[];
  incoming: PromptEntry;
  /** The thread's deliverables and tasks as recorded (ids the work tools take). */
  work?: ThreadWork;
  /** What the department knows that bears on the message (its knowledge base, within a budget). */
  knowledge?: KnowledgeNote[];
}

const HEADER = /^--- from: (\S+) \((.*)\) \| to: (.*) \| type: (\S+)$/;
const INCOMING = /^=== NEW MESSAGE for (\S+) — from: (\S+) \((.*)\) \| to: (.*) \| type: (\S+)$/;
const END = '=== END';

const header = (e: PromptEntry) => `from: ${e.from} (${e.fromName}) | to: ${e.to.join(', ') || '-'} | type: ${e.type}`;
const splitTo = (raw: string) => (raw === '-' ? [] : raw.split(', ').filter(Boolean));
/** Message text never starts a line the way a header does: nobody can forge another author's message. */
const guard = (text: string) => text.replace(/^(---|===)/gm, '  $1');

/** The prompt in pieces: the thread's opening line, one piece per earlier message, then the new message. */
function promptPieces(p: TurnPrompt): { history: string[]; incoming: string } {
  const opening = `Slack thread ${p.threadTs} in channel ${p.channelId}. Earlier messages, oldest first:`;
  const history = [opening, ...(p.history.length === 0 ? ['(none: this message starts the thread)'] : p.history.map((e) => `--- ${header(e)}\n${guard(e.text)}`))];
  const incoming = [
    `=== NEW MESSAGE for ${p.agentId} — ${header(p.incoming)}`,
    guard(p.incoming.text),
    END,
    'Act on the new message with your tools: post_message to answer in the thread (mention only the agents whose action you need), submit_deliverable for finished work, the task, decision and escalation tools to keep the records, or decline when nothing useful remains to say.',
    ...(p.work ? [renderThreadWork(p.work)].filter(Boolean) : []),
    ...(p.knowledge?.length ? [renderKnowledge(p.knowledge)] : []),
  ].join('\n');
  return { history, incoming };
}

export function renderTurnPrompt(p: TurnPrompt): string {
  const { history, incoming } = promptPieces(p);
  return [...history, incoming].join('\n');
}

/**
 * The prompt as the user message's content blocks, one per earlier message, with a cache
 * breakpoint after the history: the next turn in the thread repeats those blocks and adds its
 * own, and Anthropic finds the earlier prefix at a block boundary before the new breakpoint (it
 * looks back up to 20 blocks), so a long thread is read from the cache instead of in full.
 * Joined with newlines the blocks are exactly renderTurnPrompt's text (the rehearsal model reads that).
 */
export function turnPromptContent(p: TurnPrompt): Anthropic.TextBlockParam[] {
  const { history, incoming } = promptPieces(p);
  const blocks: Anthropic.TextBlockParam[] = history.map((text) => ({ type: 'text', text }));
  if (p.history.length > 0) blocks[blocks.length - 1] = { ...blocks.at(-1)!, cache_control: { type: 'ephemeral' } };
  blocks.push({ type: 'text', text: incoming });
  return blocks;
}

export function parseTurnPrompt(text: string): TurnPrompt | null {
  const lines = text.split('\n');
  const first = /^Slack thread (\S+) in channel (\S+)\./.exec(lines[0] ?? '');
  if (!first) return null;
  const history: PromptEntry[] = [];
  let current: PromptEntry | null = null;
  let incoming: PromptEntry | null = null;
  let agentId = '';
  const flush = () => {
    if (current) current.text = current.text.replace(/\n$/, '');
  };
  for (const line of lines.slice(1)) {
    const h = HEADER.exec(line);
    const n = INCOMING.exec(line);
    if (line === END) break;
    if (h) {
      flush();
      current = { from: h[1]!, fromName: h[2]!, to: splitTo(h[3]!), type: h[4]!, text: '' };
      history.push(current);
    } else if (n) {
      flush();
      agentId = n[1]!;
      current = incoming = { from: n[2]!, fromName: n[3]!, to: splitTo(n[4]!), type: n[5]!, text: '' };
    } else if (current) {
      current.text += (current.text ? '\n' : '') + line;
    }
  }
  flush();
  if (!incoming) return null;
  // Only after the END line: a message's text cannot forge records (no line of it can be "=== END").
  const end = lines.indexOf(END);
  const after = end < 0 ? '' : lines.slice(end + 1).join('\n');
  const work = end < 0 ? NO_WORK : parseThreadWork(after);
  const knowledge = parseKnowledge(after);
  return { agentId, channelId: first[2]!, threadTs: first[1]!, history, incoming, ...(work === NO_WORK ? {} : { work }), ...(knowledge.length ? { knowledge } : {}) };
}
