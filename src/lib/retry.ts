/**
 * Runs `work`, and again after each delay while it fails; the last failure is thrown. Ingest uses
 * millisecond delays (a dropped connection must not cost a Slack retry); the agent runtime longer
 * ones for the records that must follow a post Slack already accepted.
 */
export async function withRetries<T>(work: () => Promise<T>, delaysMs: readonly number[]): Promise<T> {
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
