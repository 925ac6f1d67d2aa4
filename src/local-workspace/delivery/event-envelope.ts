import { MAIN_APP, TEAM, VERIFICATION_TOKEN } from '../constants.js';
import { slackId } from '../ids.js';

export interface EventEnvelope {
  token: string;
  team_id: string;
  context_team_id: string;
  context_enterprise_id: null;
  api_app_id: string;
  event: { type: string; [key: string]: unknown };
  type: 'event_callback';
  event_id: string;
  event_time: number;
  authorizations: { enterprise_id: null; team_id: string; user_id: string; is_bot: true; is_enterprise_install: false }[];
  is_ext_shared_channel: false;
  event_context: string;
}

/** Wraps an event in the Events API's event_callback envelope, as Slack sends it to the app. */
export function eventEnvelope(event: EventEnvelope['event']): EventEnvelope {
  return {
    token: VERIFICATION_TOKEN,
    team_id: TEAM.id,
    context_team_id: TEAM.id,
    context_enterprise_id: null,
    api_app_id: MAIN_APP.appId,
    event,
    type: 'event_callback',
    event_id: slackId('Ev', 10),
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ enterprise_id: null, team_id: TEAM.id, user_id: MAIN_APP.userId, is_bot: true, is_enterprise_install: false }],
    is_ext_shared_channel: false,
    event_context: `4-${Buffer.from(JSON.stringify({ ch: event.channel ?? '', t: TEAM.id })).toString('base64url')}`,
  };
}
