/** The message a forked worker sends its supervisor once it consumes the bus. */
export const WORKER_READY = 'worker-ready';

/** Tells the supervising process, if this worker was forked by one, that it is ready. */
export function announceWorkerReady(): void {
  if (process.connected) process.send?.({ type: WORKER_READY });
}

/** A forked worker whose supervisor went away (killed) stops cleanly instead of running on unsupervised. */
export function stopWhenSupervisorGoes(stop: () => void): void {
  if (process.connected) process.once('disconnect', stop);
}
