import { describe, expect, it } from 'vitest';
import type { SlackMessage } from '../../../scripts/bench/fake-slack-api.js';
import { ASKED_AGENT, mentionEvent } from '../../../scripts/chaos/mention-event.js';
import type { Delivery } from '../../../scripts/chaos/slack-sender.js';
import { tally } from '../../../scripts/chaos/tally.js';

const events = [0, 1, 2].map((i) => mentionEvent('T', i, 1_800_000_000));
const acked: Delivery = { acked: true, attempts: 1, failures: [] };
const deliveries = new Map(events.map((e) => [e.eventId, acked]));

let seq = 0;
function answer(threadTs: string, at: number, opts: { id?: string; from?: string; metadata?: boolean } = {}): SlackMessage {
  seq++;
  const metadata = opts.metadata === false ? undefined : { event_type: 'dept_message', event_payload: { id: opts.id ?? `msg_${seq}`, from: opts.from ?? ASKED_AGENT.id } };
  return { channel: events[0]!.channel, ts: `1900000000.${String(seq).padStart(6, '0')}`, threadTs, text: 'answer', metadata, at };
}

describe('tally: counting answers per event from the posts Slack accepted', () => {
  it('one answer per thread is answered, nothing lost, nothing duplicated', () => {
    const posts = events.map((e, i) => answer(e.ts, 100 + i));
    const t = tally(events, deliveries, posts, ASKED_AGENT.id, 1000);
    expect(t).toMatchObject({ sent: 3, acked: 3, answered: 3, lost: 0, duplicated: 0, notices: 0, allAnsweredAt: 102 });
  });

  it('a second answer in a thread and a re-posted protocol id are duplicates, each post counted once', () => {
    const posts = [
      answer(events[0]!.ts, 100, { id: 'msg_a' }),
      answer(events[0]!.ts, 110, { id: 'msg_a' }), // the same message posted again
      answer(events[1]!.ts, 120, { id: 'msg_b' }),
      answer(events[1]!.ts, 130, { id: 'msg_c' }), // a second, different answer
      answer(events[2]!.ts, 140),
    ];
    const t = tally(events, deliveries, posts, ASKED_AGENT.id, 1000);
    expect(t.duplicated).toBe(2);
    expect(t.repeatedIds).toEqual(['msg_a']);
    expect(t.answered).toBe(3);
  });

  it('a thread answered after the cutoff, or only by a notice or another agent, is lost', () => {
    const posts = [
      answer(events[0]!.ts, 100),
      answer(events[1]!.ts, 2000), // too late
      answer(events[2]!.ts, 150, { metadata: false }), // a department notice, not the answer
      answer(events[2]!.ts, 160, { from: 'cmo' }),
    ];
    const t = tally(events, deliveries, posts, ASKED_AGENT.id, 1000);
    expect(t).toMatchObject({ answered: 1, lost: 2, notices: 1, otherAgents: 1, allAnsweredAt: undefined });
    expect(t.lostEvents).toEqual([events[1]!.eventId, events[2]!.eventId]);
  });

  it('counts events Slack never got a 2xx for as sent but not acked', () => {
    const gaveUp = new Map(deliveries).set(events[1]!.eventId, { acked: false, attempts: 4, failures: ['http_error', 'http_error', 'http_error', 'http_error'] });
    expect(tally(events, gaveUp, [], ASKED_AGENT.id, 1000)).toMatchObject({ sent: 3, acked: 2, lost: 3 });
  });
});
