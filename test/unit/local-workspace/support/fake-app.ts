import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the workspace sent to the app. */
export interface Received {
  headers: IncomingHttpHeaders;
  body: string;
  /** Events API envelope (JSON bodies). */
  json?: Record<string, any>;
  /** Slash commands (form bodies without payload). */
  form?: Record<string, string>;
  /** Interactivity (form body payload=…). */
  payload?: Record<string, any>;
}

export type Responder = (r: Received) => { status?: number; body?: string } | undefined;

/** A tiny HTTP server standing in for the Bolt app's POST /slack/events. */
export async function startFakeApp(respond?: Responder, port = 0) {
  const received: Received[] = [];
  const waiters: { pred: (r: Received) => boolean; resolve: (r: Received) => void }[] = [];
  let responder: Responder = respond ?? (() => undefined);
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const r: Received = { headers: req.headers, body };
      if ((req.headers['content-type'] ?? '').includes('json')) r.json = JSON.parse(body);
      else {
        const form = Object.fromEntries(new URLSearchParams(body));
        if (form.payload) r.payload = JSON.parse(form.payload);
        else r.form = form;
      }
      received.push(r);
      for (const w of [...waiters]) {
        if (w.pred(r)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(r);
        }
      }
      const answer = responder(r) ?? {};
      res.writeHead(answer.status ?? 200, answer.body ? { 'content-type': 'application/json' } : {});
      res.end(answer.body ?? '');
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const bound = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${bound}/slack/events`,
    received,
    setResponder(next: Responder) {
      responder = next;
    },
    /** The first request (already received or still to come) that matches. */
    waitFor(pred: (r: Received) => boolean, timeoutMs = 5_000): Promise<Received> {
      const hit = received.find(pred);
      if (hit) return Promise.resolve(hit);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('the fake app did not receive the expected request in time')), timeoutMs);
        waiters.push({
          pred,
          resolve: (r) => {
            clearTimeout(timer);
            resolve(r);
          },
        });
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type FakeApp = Awaited<ReturnType<typeof startFakeApp>>;
