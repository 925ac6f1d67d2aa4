import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { messageAsSse } from './message-sse.js';

/**
 * A local stand-in for the Anthropic Messages API (POST /v1/messages) that answers at once, in the
 * documented response shape, the way Claude answers an agent turn: first a tool_use of the agents'
 * post_message tool with a short reply (and end_turn, should a tool_result ever come back). So the
 * benchmark measures the department's own cost of a Claude turn (the model call, the post, the
 * records), not the model's latency.
 */
export async function startAnthropicStandIn() {
  let calls = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.method !== 'POST' || !(req.url ?? '').startsWith('/v1/messages')) {
        res.writeHead(404, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ type: 'error', error: { type: 'not_found_error', message: `${req.method} ${req.url} is not served here` } }));
        return;
      }
      calls++;
      const request = JSON.parse(Buffer.concat(chunks).toString()) as MessagesRequest;
      const requestId = `req_${randomBytes(8).toString('hex')}`;
      // The department streams its calls (a long deliverable outlasts any idle-connection timeout).
      if (request.stream) {
        res.writeHead(200, { 'content-type': 'text/event-stream', 'request-id': requestId });
        res.end(messageAsSse(answer(request)));
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json', 'request-id': requestId });
      res.end(JSON.stringify(answer(request)));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    /** ANTHROPIC_BASE_URL: the SDK appends /v1/messages. */
    url: `http://127.0.0.1:${port}`,
    calls: () => calls,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

interface MessagesRequest {
  model: string;
  system?: { text: string }[] | string;
  messages: { role: string; content: string | { type: string }[] }[];
  tools?: { name: string }[];
  stream?: boolean;
}

function answer(request: MessagesRequest) {
  const last = request.messages.at(-1);
  const afterTool = Array.isArray(last?.content) && last.content.some((b) => b.type === 'tool_result');
  const canPost = (request.tools ?? []).some((t) => t.name === 'post_message');
  const text = 'Thanks for asking. Open rate was 41% and clicks 6.2%, both above our quarter average; I will break it down by segment in the weekly report.';
  const content =
    afterTool || !canPost
      ? [{ type: 'text', text: 'Posted my answer in the thread.' } as Record<string, unknown>]
      : [{ type: 'tool_use', id: `toolu_${randomBytes(12).toString('hex')}`, name: 'post_message', input: { text, mentions: [], type: 'reply' } }];
  const system = Array.isArray(request.system) ? request.system.map((b) => b.text).join('') : (request.system ?? '');
  return {
    id: `msg_${randomBytes(12).toString('hex')}`,
    type: 'message',
    role: 'assistant',
    model: request.model,
    content,
    stop_reason: afterTool || !canPost ? 'end_turn' : 'tool_use',
    stop_sequence: null,
    usage: {
      // Roughly four characters a token; the static system prompt is read from the prompt cache.
      input_tokens: Math.ceil(JSON.stringify(request.messages).length / 4),
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: Math.ceil(system.length / 4),
      output_tokens: Math.ceil(JSON.stringify(content).length / 4),
    },
  };
}
