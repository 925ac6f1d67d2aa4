/**
 * An event the department could not record (its database did not answer in time). Thrown from a
 * listener, it travels through Bolt's error handler to the receiver, which then does not
 * acknowledge the event: Slack sends it again (same event_id, which the store deduplicates).
 */
export class EventNotRecordedError extends Error {
  override name = 'EventNotRecordedError';
  /** Bolt passes errors with a `code` through its error handler unwrapped. */
  readonly code = 'dept_event_not_recorded';

  constructor(
    readonly eventId: string | undefined,
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`event ${eventId ?? '(no event_id)'} was not recorded: ${reason}`, options);
  }
}

/** The EventNotRecordedError inside an error Bolt may have wrapped (UnknownError, MultipleListenerError). */
export function notRecordedIn(error: unknown): EventNotRecordedError | undefined {
  if (error instanceof EventNotRecordedError) return error;
  const wrapped = error as { original?: unknown; originals?: unknown[] } | undefined;
  if (wrapped?.original) return notRecordedIn(wrapped.original);
  if (Array.isArray(wrapped?.originals)) return wrapped.originals.map(notRecordedIn).find(Boolean);
  return undefined;
}
