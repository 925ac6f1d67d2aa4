import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../../../src/lib/free-port.js';
import { sendLikeSlack } from '../../../scripts/chaos/slack-sender.js';

const SECRET = 'sender-secret';
const envelope = { type: 'event_callback', event_id: 'Ev1', event: { type: 'app_mention', text: 'hi' } };
const seen: { headers: IncomingHttpHeaders; body: string }[] = [];
let server: Server | undefined;

/** A receiver that answers each request with the next status (0: never answers). */
async function receiver(statuses: number[]): Promise<string> {
  seen.length = 0;
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      seen.push({ headers: req.headers, body: Buffer.concat(chunks).toString() });
      const status = statuses[seen.length - 1] ?? 200;
      if (status > 0) res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
}

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
  server = undefined;
});

const signatureOk = (h: IncomingHttpHeaders, body: string) =>
  h['x-slack-signature'] === `v0=${createHmac('sha256', SECRET).update(`v0:${h['x-slack-request-timestamp']}:${body}`).digest('hex')}`;

describe('sendLikeSlack: the Events API delivery and retry behaviour', () => {
  it('retries a non-2xx answer with the same event, signed again, numbered, with reason http_error', async () => {
    const url = await receiver([500, 503, 200]);
    const d = await sendLikeSlack(envelope, { url, signingSecret: SECRET, ackTimeoutMs: 1000, retryDelaysMs: [0, 10, 10] });
    expect(d).toMatchObject({ acked: true, attempts: 3, failures: ['http_error', 'http_error'] });
    expect(seen.map((s) => JSON.parse(s.body).event_id)).toEqual(['Ev1', 'Ev1', 'Ev1']);
    expect(seen.map((s) => [s.headers['x-slack-retry-num'], s.headers['x-slack-retry-reason']])).toEqual([
      [undefined, undefined],
      ['1', 'http_error'],
      ['2', 'http_error'],
    ]);
    expect(seen.every((s) => signatureOk(s.headers, s.body))).toBe(true);
  });

  it('gives up after three retries when the receiver never answers in time (http_timeout)', async () => {
    const url = await receiver([0, 0, 0, 0]);
    const d = await sendLikeSlack(envelope, { url, signingSecret: SECRET, ackTimeoutMs: 150, retryDelaysMs: [0, 10, 10] });
    expect(d).toMatchObject({ acked: false, attempts: 4, failures: ['http_timeout', 'http_timeout', 'http_timeout', 'http_timeout'] });
    expect(seen.map((s) => s.headers['x-slack-retry-reason'])).toEqual([undefined, 'http_timeout', 'http_timeout', 'http_timeout']);
  });

  it('counts a refused connection as connection_failed and stops at the first 2xx', async () => {
    const closed = `http://127.0.0.1:${await freePort()}/slack/events`;
    const refused = await sendLikeSlack(envelope, { url: closed, signingSecret: SECRET, ackTimeoutMs: 500, retryDelaysMs: [0] });
    expect(refused).toMatchObject({ acked: false, attempts: 2, failures: ['connection_failed', 'connection_failed'] });
    const url = await receiver([200]);
    expect(await sendLikeSlack(envelope, { url, signingSecret: SECRET, ackTimeoutMs: 500, retryDelaysMs: [0, 0, 0] })).toMatchObject({ acked: true, attempts: 1 });
    expect(seen).toHaveLength(1);
  });
});
