/**
 * A post Slack would not take. The message says what happened and what to do; the agent runtime
 * shows it in the thread as a department notice, so it is written for the people reading there.
 */
export class SlackPostError extends Error {
  override name = 'SlackPostError';
  constructor(
    /** Slack's error code ("channel_not_found"), "http_503", or ours: "unreachable", "unknown_agent", "no_ts". */
    readonly code: string,
    message: string,
    readonly channelId: string,
  ) {
    super(message);
  }

  /** Worth trying again later: a rate limit, a network failure, Slack having trouble. */
  get transient(): boolean {
    return TRANSIENT_CODES.has(this.code) || /^http_5\d\d$/.test(this.code);
  }

  /**
   * Slack answered, and said no: the message is certainly not in the thread. Not so for a lost
   * answer, an HTTP error page, or internal_error / fatal_error, which Slack's method docs say may
   * come after part of the operation succeeded.
   */
  get refused(): boolean {
    return !AMBIGUOUS_CODES.has(this.code) && !this.code.startsWith('http_');
  }
}

/** Slack's codes for its own passing trouble (https://docs.slack.dev/reference/methods/chat.postMessage, "Errors"). */
const TRANSIENT_CODES = new Set(['ratelimited', 'unreachable', 'internal_error', 'fatal_error', 'service_unavailable', 'request_timeout']);
const AMBIGUOUS_CODES = new Set(['unreachable', 'no_ts', 'internal_error', 'fatal_error', 'request_timeout']);

export interface PostContext {
  /** Who tried to post, as people would /invite it: "@Marketing Dept", "@Copywriter". */
  who: string;
  /** "#marketing-content", or <#C123> when the name is unknown. */
  channel: string;
  /** The variable holding the token that posted. */
  tokenVar: string;
  /** The scope Slack says is missing (missing_scope answers carry it). */
  needed?: string | undefined;
}

const tokenCodes = new Set(['invalid_auth', 'not_authed', 'account_inactive', 'token_revoked', 'token_expired', 'no_permission']);
const formatCodes = new Set(['no_text', 'invalid_blocks', 'invalid_blocks_format', 'invalid_metadata_format', 'invalid_metadata_schema', 'invalid_arguments', 'too_many_attachments']);
const policyCodes = new Set(['restricted_action', 'restricted_action_read_only_channel', 'restricted_action_thread_only_channel', 'restricted_action_non_threadable_channel', 'ekm_access_denied', 'team_access_not_granted', 'cannot_reply_to_message']);

/** Turns Slack's error code into a sentence saying who is at fault and what to do. */
export function explainPostFailure(code: string, c: PostContext): string {
  if (code === 'not_in_channel' || code === 'method_not_supported_for_channel_type') {
    return `${c.who} is not a member of ${c.channel} and cannot join it by itself: invite it (type /invite ${c.who} in ${c.channel}).`;
  }
  if (code === 'channel_not_found') {
    return `Slack cannot find ${c.channel} for ${c.who}: it was deleted, or it is private and ${c.who} is not in it — invite ${c.who} to it.`;
  }
  if (code === 'is_archived') return `${c.channel} is archived: unarchive it, or continue the conversation in another channel.`;
  if (tokenCodes.has(code)) return `Slack rejected the token of ${c.who} (${code}): reinstall the app and update ${c.tokenVar}.`;
  if (code === 'missing_scope') {
    return `${c.who} lacks the Slack scope ${c.needed ?? 'it needs'}: add it under "OAuth & Permissions" (see slack-app-manifest.yml), reinstall the app and update ${c.tokenVar}.`;
  }
  if (code === 'msg_too_long' || code === 'msg_blocks_too_long') return `The message is longer than Slack accepts in one message (${code}): lower limits.max_message_chars in manifests/department.yml.`;
  if (formatCodes.has(code)) return `Slack rejected the message format (${code}): this is a bug in the department, please report it.`;
  if (policyCodes.has(code)) return `Workspace settings do not let ${c.who} post in ${c.channel} (${code}): ask a Slack admin.`;
  if (code === 'ratelimited') return 'Slack kept rate-limiting posts (HTTP 429) and the message was not posted: the department retried for a while; ask again in a few minutes.';
  if (code === 'unreachable') return 'Slack could not be reached (network error or timeout): check the network and SLACK_API_URL.';
  if (code.startsWith('http_') || code === 'internal_error' || code === 'fatal_error' || code === 'service_unavailable' || code === 'request_timeout') {
    return `Slack is having trouble (${code}): see https://slack-status.com and ask again later.`;
  }
  return `Slack refused the message (${code}).`;
}
