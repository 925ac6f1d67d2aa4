/** A Slack Web API error: answered as {ok:false, error, ...extra} with HTTP 200, like Slack. */
export class SlackError extends Error {
  constructor(
    readonly code: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(code);
  }
}

/** Slack's answer for a missing or malformed argument (with the detail in response_metadata). */
export function invalidArguments(detail: string): SlackError {
  return new SlackError('invalid_arguments', { response_metadata: { messages: [`[ERROR] ${detail}`] } });
}
