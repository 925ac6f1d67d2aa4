import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The few Web API methods the department calls, answered locally in Slack's shapes, so the
 * benchmark measures our service rather than the network. Records when each thread got a reply.
 */
export async function startFakeSlackApi(botUserId: string) {
  let seq = 0;
  const repliesByThread = new Map<string, number>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const method = (req.url ?? '').replace(/^\/api\//, '').split('?')[0];
      const params = parseBody(Buffer.concat(chunks).toString(), req.headers['content-type'] ?? '');
      const reply = (body: object) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      switch (method) {
        case 'auth.test':
          return reply({ ok: true, url: 'https://bench.slack.com/', team: 'Bench', user: 'marketing-dept', team_id: 'T0BENCH', user_id: botUserId, bot_id: 'B0BENCH' });
        case 'chat.postMessage': {
          const ts = `${1_900_000_000 + Math.floor(++seq / 1000)}.${String(seq % 1000).padStart(6, '0')}`;
          if (params.thread_ts) repliesByThread.set(String(params.thread_ts), Date.now());
          return reply({ ok: true, channel: params.channel, ts, message: { type: 'message', text: params.text, ts, bot_id: 'B0BENCH' } });
        }
        case 'conversations.info':
          return reply({ ok: true, channel: { id: params.channel, name: 'marketing-insights', is_channel: true, is_member: true } });
        case 'conversations.join':
          return reply({ ok: true, channel: { id: params.channel } });
        default:
          return reply({ ok: false, error: 'unknown_method' });
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api/`,
    repliesByThread,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function parseBody(raw: string, contentType: string): Record<string, unknown> {
  if (contentType.includes('application/json')) return JSON.parse(raw || '{}') as Record<string, unknown>;
  return Object.fromEntries(new URLSearchParams(raw));
}
