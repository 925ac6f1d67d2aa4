/**
 * Runs `work`, and again after each delay while it fails; the last failure is thrown. For one
 * fast statement on the ack path: a dropped connection or a failover blip should cost milliseconds,
 * not a Slack retry.
 */
export async function withQuickRetries<T>(work: () => Promise<T>, delaysMs: readonly number[]): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await work();
    } catch (err) {
      const delay = delaysMs[attempt];
      if (delay === undefined) throw err;
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}
