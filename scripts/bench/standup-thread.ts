import type { SlackMessage } from './fake-slack-api.js';

export interface StandupThreadFigures {
  /** Root + replies, as Slack accepted them. */
  posts: number;
  /** Trigger → the lead's opening, the first update, the closing ("*Summary*"), in ms. */
  openingMs: number | undefined;
  firstUpdateMs: number | undefined;
  closingMs: number | undefined;
  /** Gaps between consecutive posts of the thread (Slack's receive times), ms. */
  gapsMs: number[];
  /** Attendees whose update is missing, or there more than once. */
  missing: string[];
  duplicated: string[];
  /** Every attendee's update exactly once, in the department's order, before the closing. */
  inOrder: boolean;
}

/** What Slack saw of a standup thread: its root (posted under the meeting key) and the replies in it. */
export function standupThreadFigures(posts: SlackMessage[], channelId: string, triggeredAt: number, attendees: string[]): StandupThreadFigures {
  const root = posts.find((p) => p.channel === channelId && String(p.metadata?.event_payload.key ?? '').startsWith('meeting:'));
  const replies = root ? posts.filter((p) => p.channel === channelId && p.threadTs === root.ts && p.ts !== root.ts) : [];
  const thread = root ? [root, ...replies] : [];
  const closingIndex = replies.findIndex((p) => p.text.includes('*Summary*'));
  const updates = closingIndex < 0 ? replies : replies.slice(0, closingIndex);
  const authors = updates.map((p) => String(p.metadata?.event_payload.from ?? p.username ?? '?'));
  const counts = new Map<string, number>();
  for (const a of authors) counts.set(a, (counts.get(a) ?? 0) + 1);
  const since = (p: SlackMessage | undefined) => (p ? p.at - triggeredAt : undefined);
  return {
    posts: thread.length,
    openingMs: since(root),
    firstUpdateMs: since(updates[0]),
    closingMs: since(closingIndex < 0 ? undefined : replies[closingIndex]),
    gapsMs: thread.slice(1).map((p, i) => p.at - thread[i]!.at),
    missing: attendees.filter((a) => !counts.has(a)),
    duplicated: [...counts].filter(([, n]) => n > 1).map(([a]) => a),
    inOrder: closingIndex === replies.length - 1 && authors.length === attendees.length && authors.every((a, i) => a === attendees[i]),
  };
}
