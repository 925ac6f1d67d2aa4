export type Settled<T> = { status: 'done'; value: T } | { status: 'failed'; error: unknown } | { status: 'late' };

/**
 * How a piece of work ended, or 'late' if it had not within `ms`. The work is not cancelled (a
 * late lookup still fills its cache, a late write still commits); a later failure is handled
 * here, never an unhandled rejection.
 */
export function settleWithin<T>(work: Promise<T>, ms: number): Promise<Settled<T>> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve({ status: 'late' }), ms);
    work.then(
      (value) => {
        clearTimeout(timer);
        resolve({ status: 'done', value });
      },
      (error: unknown) => {
        clearTimeout(timer);
        resolve({ status: 'failed', error });
      },
    );
  });
}
