import { ModelError } from '../llm/model-error.js';
import { rootCause } from '../lib/error-line.js';
import { isTransientDatabaseError } from '../store/database-errors.js';
import { isPostFailure } from './ports.js';

export interface FailureVerdict {
  /** Worth handing back to the bus for a later attempt. */
  transient: boolean;
  /** The real cause, written for the people in the thread (and the log). */
  cause: string;
  /** How long the failing service asked us to wait before trying again (retry-after). */
  retryAfterMs?: number | undefined;
}

/** Why a turn failed and whether trying again later can help: the model, Slack, the database, or us. */
export function judgeFailure(err: unknown): FailureVerdict {
  if (err instanceof ModelError) return { transient: err.retryable, cause: err.message, retryAfterMs: err.retryAfterMs };
  if (isPostFailure(err)) return { transient: err.transient, cause: err.message };
  if (isTransientDatabaseError(err)) {
    return { transient: true, cause: `the department's database did not answer (${rootCause(err).message}); the operator should check DATABASE_URL and the database server` };
  }
  return { transient: false, cause: 'an internal error occurred (see the service logs)' };
}
