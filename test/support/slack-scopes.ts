/**
 * Which bot scopes Slack asks for each Web API method and event the code uses. One row per method
 * or event; add a row when the code starts calling something new (the manifest test names what is
 * missing). Sources: the method and event pages of https://docs.slack.dev/reference — "Required
 * scopes" / "Bot token" (checked against docs.slack.dev/reference/methods/<method> and
 * docs.slack.dev/reference/scopes/<scope> "Compatible API methods / events").
 */

/** A scope a method needs always, or only when the code uses it a certain way (`when` found in src/slack). */
export interface ScopeNeed {
  scope: string;
  /** Needed only if this pattern occurs in the code; absent: always. */
  when?: RegExp;
  why?: string;
}

/** Web API method → the bot scopes it needs. [] means Slack requires none. */
export const METHOD_SCOPES: Record<string, ScopeNeed[]> = {
  // docs.slack.dev/reference/methods/auth.test: no scope.
  'auth.test': [],
  // docs.slack.dev/reference/methods/chat.postMessage: chat:write; chat:write.customize to set
  // username/icon; chat:write.public to post in a public channel the app is not a member of.
  'chat.postMessage': [
    { scope: 'chat:write' },
    { scope: 'chat:write.customize', when: /\bicon_(emoji|url)\b/, why: 'agents post under their own name and icon' },
    { scope: 'chat:write.public', why: 'a /dept Ask thread starts in any public channel, joined or not' },
  ],
  // api.slack.com/methods/chat.getPermalink: "Bot tokens: No scope required".
  'chat.getPermalink': [],
  // docs.slack.dev/reference/methods/chat.postEphemeral: chat:write.
  'chat.postEphemeral': [{ scope: 'chat:write' }],
  // docs.slack.dev/reference/methods/chat.update, chat.delete: chat:write.
  'chat.update': [{ scope: 'chat:write' }],
  'chat.delete': [{ scope: 'chat:write' }],
  // docs.slack.dev/reference/methods/conversations.info: channels:read, groups:read, im:read, mpim:read (by conversation type).
  'conversations.info': [{ scope: 'channels:read' }, { scope: 'groups:read' }, { scope: 'im:read' }, { scope: 'mpim:read' }],
  // docs.slack.dev/reference/methods/conversations.list: channels:read, groups:read, im:read, mpim:read, for the types listed
  // (cards list public and private channels only).
  'conversations.list': [{ scope: 'channels:read' }, { scope: 'groups:read' }],
  // docs.slack.dev/reference/methods/conversations.replies (and .history): channels:history, groups:history, im:history, mpim:history.
  'conversations.replies': [{ scope: 'channels:history' }, { scope: 'groups:history' }, { scope: 'im:history' }, { scope: 'mpim:history' }],
  'conversations.history': [{ scope: 'channels:history' }, { scope: 'groups:history' }, { scope: 'im:history' }, { scope: 'mpim:history' }],
  // docs.slack.dev/reference/methods/conversations.join: channels:join (bot).
  'conversations.join': [{ scope: 'channels:join' }],
  // docs.slack.dev/reference/methods/conversations.open: im:write for a 1:1 DM (mpim:write is not a bot scope).
  'conversations.open': [{ scope: 'im:write' }],
  // docs.slack.dev/reference/methods/views.open, views.push, views.update, views.publish: no scope.
  'views.open': [],
  'views.push': [],
  'views.update': [],
  'views.publish': [],
  // docs.slack.dev/reference/methods/files.uploadV2 → files.getUploadURLExternal / completeUploadExternal: files:write.
  'files.uploadV2': [{ scope: 'files:write' }],
  'files.getUploadURLExternal': [{ scope: 'files:write' }],
  'files.completeUploadExternal': [{ scope: 'files:write' }],
  // docs.slack.dev/reference/methods/reactions.add: reactions:write.
  'reactions.add': [{ scope: 'reactions:write' }],
  // docs.slack.dev/reference/methods/users.info: users:read.
  'users.info': [{ scope: 'users:read' }],
};

/**
 * Event subscriptions (manifest bot_events) → bot scopes. docs.slack.dev/reference/events/<event>
 * "Required scopes": app_mention → app_mentions:read; message.channels → channels:history;
 * message.groups → groups:history; message.im → im:history; message.mpim → mpim:history;
 * app_home_opened → none.
 */
export const EVENT_SCOPES: Record<string, string[]> = {
  app_mention: ['app_mentions:read'],
  'message.channels': ['channels:history'],
  'message.groups': ['groups:history'],
  'message.im': ['im:history'],
  'message.mpim': ['mpim:history'],
  app_home_opened: [],
};

/**
 * What a Bolt listener subscribes to. `app.event('message')` hears messages in every kind of
 * conversation the app is in, so it needs all four message.* subscriptions (routing handles each).
 */
export const LISTENER_EVENTS: Record<string, string[]> = {
  message: ['message.channels', 'message.groups', 'message.im', 'message.mpim'],
  app_mention: ['app_mention'],
  app_home_opened: ['app_home_opened'],
};

/** Slash commands (app.command) need the `commands` scope (docs.slack.dev/reference/scopes/commands). */
export const COMMAND_SCOPE = 'commands';
