import type { SlackMessage } from '../bench/fake-slack-api.js';
import type { MentionEvent } from './mention-event.js';
import type { Delivery } from './slack-sender.js';

export interface Tally {
  sent: number;
  /** Events Slack got a 2xx for (possibly after retries). */
  acked: number;
  /** Events whose thread got the addressed agent's answer by the cutoff. */
  answered: number;
  lost: number;
  /** Accepted posts that repeat a protocol message id or are a second answer in an event's thread. */
  duplicated: number;
  /** Protocol message ids (metadata.event_payload.id) Slack accepted more than once. */
  repeatedIds: string[];
  /** Department notices (posts without protocol metadata) in the events' threads: failure messages. */
  notices: number;
  /** Posts by other agents in the events' threads (the question should bring nobody in). */
  otherAgents: number;
  /** When the last event got its first answer, if every event was answered. */
  allAnsweredAt: number | undefined;
  lostEvents: string[];
}

/**
 * Counts from what the fake Slack accepted: an event is answered when a post from `agentId`
 * (by its protocol metadata) reached the event's thread by `cutoff`; every further post from it
 * there, and every repeat of a protocol message id, is a duplicate. Duplicates are counted over
 * everything seen, including the quiet time after the cutoff.
 */
export function tally(events: MentionEvent[], deliveries: Map<string, Delivery>, posts: SlackMessage[], agentId: string, cutoff: number): Tally {
  const threads = new Map(events.map((e) => [`${e.channel}/${e.ts}`, e]));
  const firstAnswer = new Map<string, number>();
  const timesPosted = new Map<string, number>();
  let duplicated = 0;
  let notices = 0;
  let otherAgents = 0;
  // Posts in the order Slack accepted them: a post is a duplicate when its protocol id was
  // accepted before, or when it is the agent's second answer in an event's thread.
  for (const post of posts) {
    const id = post.metadata?.event_payload.id;
    const repeat = typeof id === 'string' && timesPosted.has(id);
    if (typeof id === 'string') timesPosted.set(id, (timesPosted.get(id) ?? 0) + 1);
    const event = post.threadTs ? threads.get(`${post.channel}/${post.threadTs}`) : undefined;
    const from = post.metadata?.event_payload.from;
    let extraAnswer = false;
    if (event && from === undefined) notices++;
    else if (event && from !== agentId) otherAgents++;
    else if (event) {
      extraAnswer = firstAnswer.has(event.eventId);
      if (!extraAnswer) firstAnswer.set(event.eventId, post.at);
    }
    if (repeat || extraAnswer) duplicated++;
  }

  let answered = 0;
  let lastFirst = 0;
  const lostEvents: string[] = [];
  for (const e of events) {
    const first = firstAnswer.get(e.eventId);
    if (first !== undefined && first <= cutoff) {
      answered++;
      lastFirst = Math.max(lastFirst, first);
    } else {
      lostEvents.push(e.eventId);
    }
  }
  const repeatedIds = [...timesPosted].filter(([, n]) => n > 1).map(([id]) => id);
  return {
    sent: events.length,
    acked: [...deliveries.values()].filter((d) => d.acked).length,
    answered,
    lost: events.length - answered,
    duplicated,
    repeatedIds,
    notices,
    otherAgents,
    allAnsweredAt: answered === events.length ? lastFirst : undefined,
    lostEvents,
  };
}
