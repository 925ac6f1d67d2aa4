/** The message a forked worker sends its supervisor once it consumes the bus. */
export const WORKER_READY = 'worker-ready';

/** True when this process was forked by a supervisor (it has an IPC channel to it). */
export function supervisedWorker(): boolean {
  return process.connected;
}

/** Tells the supervising process, if this worker was forked by one, that it is ready. */
export function announceWorkerReady(): void {
  if (process.connected) process.send?.({ type: WORKER_READY });
}

/** A forked worker whose supervisor went away (killed) stops cleanly instead of running on unsupervised. */
export function stopWhenSupervisorGoes(stop: () => void): void {
  if (process.connected) process.once('disconnect', stop);
}
