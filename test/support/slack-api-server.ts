import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { formBody } from '../unit/slack/slack-api.js';

export interface RecordedPost extends Record<string, unknown> {
  token: string;
  channel: string;
  thread_ts?: string;
  text: string;
}

/**
 * The Web API methods the department calls, answered by a local HTTP server in Slack's documented
 * shapes. Unlike nock it also answers processes the test forks (worker processes).
 */
export async function startSlackApiServer(opts: { botUserId: string; botId?: string; teamId?: string }) {
  const posts: RecordedPost[] = [];
  let seq = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const method = (req.url ?? '').replace(/^\/api\//, '').split('?')[0];
      const raw = Buffer.concat(chunks).toString();
      const params = String(req.headers['content-type']).includes('json') ? (JSON.parse(raw || '{}') as Record<string, unknown>) : formBody(raw);
      const token = String(req.headers.authorization ?? '').replace(/^Bearer /, '');
      const reply = (body: object) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      switch (method) {
        case 'auth.test':
          return reply({ ok: true, url: 'https://test.slack.com/', team: 'Test', user: 'marketing_dept', team_id: opts.teamId ?? 'T0TEAM', user_id: opts.botUserId, bot_id: opts.botId ?? 'B0APP' });
        case 'chat.postMessage': {
          const ts = `1900000000.${String(++seq).padStart(6, '0')}`;
          posts.push({ ...params, token } as RecordedPost);
          return reply({ ok: true, channel: params.channel, ts, message: { type: 'message', text: params.text, ts } });
        }
        case 'conversations.info':
          return reply({ ok: true, channel: { id: params.channel, name: 'marketing-content', is_channel: true, is_member: true } });
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
    posts,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
