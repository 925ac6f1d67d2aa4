/**
 * Fixed identities of the local workspace. Stable ids (not random ones) let a restart, a test and
 * a person's bookmarks all find the same team, app and people again.
 */
export const TEAM = { id: 'T0LOCAL', name: 'Local Workspace', domain: 'local-workspace' } as const;

/** The department's Slack app and its bot user (what SLACK_BOT_TOKEN belongs to). */
export const MAIN_APP = {
  appId: 'A0LOCALAPP',
  botId: 'B0LOCALBOT',
  userId: 'U0LOCALBOT',
  name: 'marketing_dept',
  realName: 'Marketing Dept',
  icon: ':office:',
} as const;

/** The two people at the keyboard: switchable in the web client to try approvals from both sides. */
export const HUMANS = [
  { id: 'U0LOCALHUMAN1', name: 'alex.rivera', realName: 'Alex Rivera', icon: ':woman_technologist:' },
  { id: 'U0LOCALHUMAN2', name: 'sam.chen', realName: 'Sam Chen', icon: ':man_office_worker:' },
] as const;

/** The deprecated verification token Slack still puts in payloads; Bolt ignores it. */
export const VERIFICATION_TOKEN = 'local-verification-token';

/** The slash command the department registers in its manifest. */
export const DEFAULT_COMMAND = '/dept';
