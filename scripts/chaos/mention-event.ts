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

/** The Content Manager's home (#marketing-content): a blog post asked for there starts the content workflow. */
export const CONTENT_CHANNEL = 'C0CHAOSCONTENT';

/** What an event says and where; by default the question to ASKED_AGENT in CHAOS_CHANNEL. */
export interface Ask {
  channel: string;
  /** The text after the app's mention. */
  text: string;
}

const question = (i: number): Ask => ({ channel: CHAOS_CHANNEL, text: `${ASKED_AGENT.handle} how did last week's newsletter perform? (question ${i + 1})` });

/** A blog post asked of the Content Manager in its home channel: the rehearsal model starts the content workflow for it. */
export const blogRequest = (i: number): Ask => ({ channel: CONTENT_CHANNEL, text: `content we need a blog post on AI costs for small businesses, part ${i + 1}` });

/** A signed-to-be event_callback envelope of an app_mention that names the agent, in Slack's shape. */
export function mentionEvent(tag: string, i: number, epochSeconds: number, ask: Ask = question(i)): MentionEvent {
  const ts = `${epochSeconds + i}.${String(i % 1_000_000).padStart(6, '0')}`;
  const eventId = `Ev${tag}${String(i).padStart(4, '0')}`;
  const text = `<@${CHAOS_BOT_USER}> ${ask.text}`;
  const channel = ask.channel;
  return {
    eventId,
    channel,
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
      event: { type: 'app_mention', user: CHAOS_HUMAN, text, ts, channel, event_ts: ts },
    },
  };
}
