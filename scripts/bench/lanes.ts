/**
 * Runs job(0..count-1) with at most `concurrency` at once, each lane taking the next index as soon
 * as its last job is done. The first failure aborts `stop`, so the other lanes start nothing new
 * (and jobs watching the signal stop waiting), and is thrown once every lane has stopped.
 */
export async function inLanes<T>(count: number, concurrency: number, stop: AbortController, job: (i: number) => Promise<T>): Promise<T[]> {
  const results: T[] = [];
  let next = 0;
  await Promise.allSettled(
    Array.from({ length: Math.min(concurrency, count) }, async () => {
      while (next < count && !stop.signal.aborted) {
        const i = next++;
        results[i] = await job(i).catch((err: unknown) => {
          stop.abort(err);
          throw err;
        });
      }
    }),
  );
  if (stop.signal.aborted) throw stop.signal.reason;
  return results;
}
