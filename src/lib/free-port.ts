import { createServer } from 'node:net';

/**
 * A loopback port that was free a moment ago (0 asks the OS for any). Rejects when `port` is
 * taken. Used where a peer must know an address before its server starts.
 */
export async function freePort(port = 0): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, '127.0.0.1', resolve));
  const { port: bound } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return bound;
}
