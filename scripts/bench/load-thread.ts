/** Worker-thread entry of sendMentionsOffThread: runs one batch and posts its result back. */
import { parentPort, workerData } from 'node:worker_threads';
import { sendMentions, type LoadOptions } from './load.js';

sendMentions(workerData as LoadOptions).then(
  (result) => parentPort!.postMessage(result),
  (err: unknown) => parentPort!.postMessage({ error: (err as Error).message }),
);
