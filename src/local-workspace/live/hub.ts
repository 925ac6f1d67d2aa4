import type { ServerResponse } from 'node:http';

/** What the web client hears about, pushed as server-sent events. */
export type LiveEvent =
  | { type: 'message'; message: Record<string, unknown> }
  | { type: 'message_changed'; message: Record<string, unknown> }
  | { type: 'message_deleted'; channel: string; ts: string; thread_ts?: string | null | undefined }
  | { type: 'views'; modals: Record<string, unknown>[] }
  | { type: 'home'; view: Record<string, unknown> | null }
  | { type: 'channel'; channel: Record<string, unknown> };

/** Who should hear it: everyone, or only these people (DM members, the one an ephemeral is for). */
export type Audience = 'all' | string[];

const KEEPALIVE_MS = 25_000;

/**
 * Server-sent events to the open browser tabs, each tab listening as one person. Lets new
 * messages, edits and modals appear without reloading.
 */
export class LiveHub {
  private readonly clients = new Set<{ userId: string; res: ServerResponse }>();
  private readonly keepalive = setInterval(() => this.write('all', ': keepalive\n\n'), KEEPALIVE_MS);

  constructor() {
    this.keepalive.unref();
  }

  subscribe(userId: string, res: ServerResponse): void {
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive' });
    res.write('retry: 2000\n\n');
    const client = { userId, res };
    this.clients.add(client);
    res.on('close', () => this.clients.delete(client));
  }

  publish(audience: Audience, event: LiveEvent): void {
    this.write(audience, `data: ${JSON.stringify(event)}\n\n`);
  }

  close(): void {
    clearInterval(this.keepalive);
    for (const c of this.clients) c.res.end();
    this.clients.clear();
  }

  private write(audience: Audience, chunk: string): void {
    for (const c of this.clients) if (audience === 'all' || audience.includes(c.userId)) c.res.write(chunk);
  }
}
