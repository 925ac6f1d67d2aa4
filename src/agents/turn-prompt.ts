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
}

const HEADER = /^--- from: (\S+) \((.*)\) \| to: (.*) \| type: (\S+)$/;
const INCOMING = /^=== NEW MESSAGE for (\S+) — from: (\S+) \((.*)\) \| to: (.*) \| type: (\S+)$/;
const END = '=== END';

const header = (e: PromptEntry) => `from: ${e.from} (${e.fromName}) | to: ${e.to.join(', ') || '-'} | type: ${e.type}`;
const splitTo = (raw: string) => (raw === '-' ? [] : raw.split(', ').filter(Boolean));
/** Message text never starts a line the way a header does: nobody can forge another author's message. */
const guard = (text: string) => text.replace(/^(---|===)/gm, '  $1');

export function renderTurnPrompt(p: TurnPrompt): string {
  const lines = [`Slack thread ${p.threadTs} in channel ${p.channelId}. Earlier messages, oldest first:`];
  if (p.history.length === 0) lines.push('(none: this message starts the thread)');
  for (const e of p.history) lines.push(`--- ${header(e)}`, guard(e.text));
  lines.push(`=== NEW MESSAGE for ${p.agentId} — ${header(p.incoming)}`, guard(p.incoming.text), END);
  lines.push(
    'Act on the new message with your tools: post_message to answer in the thread (mention only the agents whose action you need), or decline when nothing useful remains to say.',
  );
  return lines.join('\n');
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
  return { agentId, channelId: first[2]!, threadTs: first[1]!, history, incoming };
}
