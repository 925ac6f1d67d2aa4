import type { ThreadMessage, ThreadReader } from '../../src/agents/ports.js';

/** A ThreadReader answering from threads a test sets up, counting reads; it names the people it was told. */
export class RecordingReader implements ThreadReader {
  /** Thread key `${channelId}/${threadTs}` → what Slack holds (people's messages, oldest first). */
  readonly threads = new Map<string, ThreadMessage[]>();
  readonly names = new Map<string, string>();
  readonly reads: { channelId: string; threadTs: string }[] = [];
  delayMs = 0;
  failWith: Error | null = null;

  async readThread(query: { channelId: string; threadTs: string }): Promise<ThreadMessage[]> {
    this.reads.push(query);
    if (this.delayMs) await new Promise((r) => setTimeout(r, this.delayMs));
    if (this.failWith) throw this.failWith;
    return this.threads.get(`${query.channelId}/${query.threadTs}`) ?? [];
  }

  async peopleNames(userIds: string[]): Promise<Map<string, string>> {
    return new Map(userIds.flatMap((id) => (this.names.has(id) ? [[id, this.names.get(id)!] as const] : [])));
  }
}
