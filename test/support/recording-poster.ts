import type { AgentPost, ThreadPoster } from '../../src/agents/ports.js';

/** Shared by every poster in a test file: Slack ts are unique per channel. */
let clock = 1_700_000_000;

/** A ThreadPoster that records what agents would have posted, with Slack-like increasing ts. */
export class RecordingPoster implements ThreadPoster {
  readonly posts: AgentPost[] = [];
  readonly notices: { channelId: string; threadTs: string; text: string }[] = [];
  failWith: Error | null = null;

  async postAsAgent(post: AgentPost) {
    if (this.failWith) throw this.failWith;
    this.posts.push(post);
    return { ts: this.nextTs() };
  }

  async postNotice(notice: { channelId: string; threadTs: string; text: string }) {
    this.notices.push(notice);
    return { ts: this.nextTs() };
  }

  private nextTs() {
    return `${++clock}.000100`;
  }
}
