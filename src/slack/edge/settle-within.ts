export type Settled = { status: 'done' } | { status: 'failed'; error: unknown } | { status: 'late' };

/**
 * How a piece of work ended, or 'late' if it had not within `ms`. The work is not cancelled; its
 * later failure is handled here, never an unhandled rejection.
 */
export function settleWithin(work: Promise<unknown>, ms: number): Promise<Settled> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve({ status: 'late' }), ms);
    work.then(
      () => {
        clearTimeout(timer);
        resolve({ status: 'done' });
      },
      (error: unknown) => {
        clearTimeout(timer);
        resolve({ status: 'failed', error });
      },
    );
  });
}
