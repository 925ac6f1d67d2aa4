/** Who has to act when a model call fails: the operator (key, billing, config), Anthropic, the network, or us (a bug). */
export type ModelFault = 'operator' | 'anthropic' | 'network' | 'bug';

/**
 * A failed model call, worded for the operator reading logs or a Slack notice:
 * the message says who is at fault and what to do; `retryable` tells the runtime whether to try again later.
 */
export class ModelError extends Error {
  override name = 'ModelError';
  readonly retryable: boolean;
  readonly fault: ModelFault;
  readonly status: number | undefined;
  /** Anthropic's request id, to quote when contacting their support. */
  readonly requestId: string | undefined;
  /** From the retry-after header when Anthropic sent one. */
  readonly retryAfterMs: number | undefined;

  constructor(
    message: string,
    o: { retryable: boolean; fault: ModelFault; status?: number; requestId?: string; retryAfterMs?: number; cause?: unknown },
  ) {
    super(message, { cause: o.cause });
    this.retryable = o.retryable;
    this.fault = o.fault;
    this.status = o.status;
    this.requestId = o.requestId;
    this.retryAfterMs = o.retryAfterMs;
  }
}
