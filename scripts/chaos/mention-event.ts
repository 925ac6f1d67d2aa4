/**
 * The question every event asks. The Analytics Specialist is a specialist with no reports, so the
 * offline rehearsal model (src/llm/rehearsal/decide.ts) answers a person's request to it directly
 * with one post and mentions nobody: exactly one answer per event, and no colleague is brought in.
 */
export const ASKED_AGENT = { id: 'analytics_specialist', handle: 'analytics' } as const;

export const CHAOS_CHANNEL = 'C0CHAOS';
export const CHAOS_BOT_USER = 'U0CHAOSBOT';
export const CHAOS_HUMAN = 'U0CHAOSHUMAN';

export interface MentionEvent {
  eventId: string;
  channel: string;
  /** The person's message ts, which is also its thread's ts: every event opens its own thread. */
  ts: string;
  text: string;
  envelope: Record<string, unknown>;
}

/** A signed-to-be event_callback envelope of an app_mention that names the agent, in Slack's shape. */
export function mentionEvent(tag: string, i: number, epochSeconds: number): MentionEvent {
  const ts = `${epochSeconds + i}.${String(i % 1_000_000).padStart(6, '0')}`;
  const eventId = `Ev${tag}${String(i).padStart(4, '0')}`;
  const text = `<@${CHAOS_BOT_USER}> ${ASKED_AGENT.handle} how did last week's newsletter perform? (question ${i + 1})`;
  return {
    eventId,
    channel: CHAOS_CHANNEL,
    ts,
    text,
    envelope: {
      token: 'chaos',
      team_id: 'T0CHAOS',
      api_app_id: 'A0CHAOS',
      type: 'event_callback',
      event_id: eventId,
      event_time: epochSeconds,
      authorizations: [{ enterprise_id: null, team_id: 'T0CHAOS', user_id: CHAOS_BOT_USER, is_bot: true, is_enterprise_install: false }],
      event: { type: 'app_mention', user: CHAOS_HUMAN, text, ts, channel: CHAOS_CHANNEL, event_ts: ts },
    },
  };
}
