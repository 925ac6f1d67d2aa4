/**
 * A whole Messages API response as the server-sent events of a streamed one
 * (https://docs.anthropic.com/en/docs/build-with-claude/streaming): message_start, then each
 * content block as start / delta / stop (text_delta, input_json_delta, thinking_delta and
 * signature_delta), then message_delta with the stop_reason and output tokens, and message_stop.
 * For the local Anthropic stand-in and tests that answer a streamed request.
 */
export function messageAsSse(message: {
  content: Record<string, unknown>[];
  stop_reason: string;
  stop_sequence?: string | null;
  usage: { output_tokens: number } & Record<string, unknown>;
} & Record<string, unknown>): string {
  const events: [string, unknown][] = [];
  const { content, stop_reason, stop_sequence, usage, ...rest } = message;
  events.push(['message_start', { type: 'message_start', message: { ...rest, content: [], stop_reason: null, stop_sequence: null, usage: { ...usage, output_tokens: 1 } } }]);
  content.forEach((block, index) => {
    const start = (b: Record<string, unknown>) => events.push(['content_block_start', { type: 'content_block_start', index, content_block: b }]);
    const delta = (d: Record<string, unknown>) => events.push(['content_block_delta', { type: 'content_block_delta', index, delta: d }]);
    if (block.type === 'text') {
      start({ type: 'text', text: '' });
      delta({ type: 'text_delta', text: block.text });
    } else if (block.type === 'tool_use') {
      start({ ...block, input: {} });
      delta({ type: 'input_json_delta', partial_json: JSON.stringify(block.input) });
    } else if (block.type === 'thinking') {
      start({ type: 'thinking', thinking: '', signature: '' });
      delta({ type: 'thinking_delta', thinking: block.thinking });
      delta({ type: 'signature_delta', signature: block.signature });
    } else {
      start(block);
    }
    events.push(['content_block_stop', { type: 'content_block_stop', index }]);
  });
  events.push(['message_delta', { type: 'message_delta', delta: { stop_reason, stop_sequence: stop_sequence ?? null }, usage: { output_tokens: usage.output_tokens } }]);
  events.push(['message_stop', { type: 'message_stop' }]);
  return events.map(([event, data]) => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`).join('');
}
