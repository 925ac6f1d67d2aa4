import nock from 'nock';
import { afterEach, beforeAll, afterAll, describe, expect, it } from 'vitest';
import { agentTools } from '../../../src/agents/tools.js';
import { ClaudeModel } from '../../../src/llm/claude-model.js';
import { ModelError } from '../../../src/llm/model-error.js';
import { buildRequest } from '../../../src/llm/prompt.js';
import { retryAfterMs } from '../../../src/llm/claude-errors.js';
import { messageAsSse } from '../../../scripts/bench/message-sse.js';

// The documented Messages API response shape, as the wire carries it.
const apiMessage = {
  id: 'msg_01XFDUDYJgAACzvnptvVoYEL',
  type: 'message',
  role: 'assistant',
  model: 'claude-sonnet-4-6',
  content: [
    { type: 'text', text: 'I will hand this to the copywriter.' },
    { type: 'tool_use', id: 'toolu_01A09q90qw90lq917835lq9', name: 'post_message', input: { text: 'Copywriter, please draft it.', mentions: ['copywriter'], type: 'task_assignment' } },
  ],
  stop_reason: 'tool_use',
  stop_sequence: null,
  usage: { input_tokens: 52, output_tokens: 31, cache_creation_input_tokens: 1480, cache_read_input_tokens: 0 },
};

const request = buildRequest({
  model: 'claude-sonnet-4-6',
  maxTokens: 1024,
  staticSystem: 'Department preamble.\n\nYou are the Content Manager.',
  dynamicSystem: 'Today is Monday.',
  messages: [{ role: 'user', content: 'Need a blog post on AI cost reduction.' }],
  tools: agentTools(['copywriter', 'seo_specialist']),
});

const errorBody = (type: string, message: string) => ({ type: 'error', error: { type, message } });

describe('ClaudeModel', () => {
  beforeAll(() => nock.disableNetConnect());
  afterEach(() => nock.cleanAll());
  afterAll(() => nock.enableNetConnect());

  it('posts the request to the Messages API with cache breakpoints and returns the parsed message', async () => {
    let body: any;
    let headers: Record<string, unknown> = {};
    const scope = nock('https://api.anthropic.com')
      .matchHeader('anthropic-version', /.+/)
      .post('/v1/messages', (b) => ((body = b), true))
      .reply(function () {
        headers = this.req.headers;
        return [200, messageAsSse(apiMessage), { 'request-id': 'req_1', 'content-type': 'text/event-stream' }];
      });

    const model = new ClaudeModel({ apiKey: 'sk-ant-test', maxRetries: 0 });
    const res = await model.create(request);

    expect(scope.isDone()).toBe(true);
    // SDK 1.x sends the key as a bearer token; older ones used x-api-key. Either way the key is on the wire.
    expect(headers['x-api-key'] ?? String(headers['authorization']).replace(/^Bearer /, '')).toBe('sk-ant-test');
    expect(model.rehearsal).toBe(false);
    expect(body.model).toBe('claude-sonnet-4-6');
    expect(body.stream).toBe(true); // long deliverables are streamed, then read whole
    expect(body.system[0]).toEqual({ type: 'text', text: 'Department preamble.\n\nYou are the Content Manager.', cache_control: { type: 'ephemeral' } });
    expect(body.system[1]).toEqual({ type: 'text', text: 'Today is Monday.' });
    expect(body.tools.at(-1).cache_control).toEqual({ type: 'ephemeral' });
    expect(body.tools[0].cache_control).toBeUndefined();
    expect(res.id).toBe(apiMessage.id);
    expect(res.stop_reason).toBe('tool_use');
    expect(res.content[1]).toMatchObject({ type: 'tool_use', name: 'post_message', input: { mentions: ['copywriter'] } });
    expect(res.usage.cache_creation_input_tokens).toBe(1480);
  });

  it('honours a custom baseURL (ANTHROPIC_BASE_URL)', async () => {
    const scope = nock('http://llm-gateway.test:8080').post('/v1/messages').reply(200, messageAsSse(apiMessage), { 'content-type': 'text/event-stream' });
    const model = new ClaudeModel({ apiKey: 'k', baseURL: 'http://llm-gateway.test:8080', maxRetries: 0 });
    await expect(model.create(request)).resolves.toMatchObject({ id: apiMessage.id });
    expect(scope.isDone()).toBe(true);
  });

  it('maps a 401 to a non-retryable ModelError blaming the API key', async () => {
    nock('https://api.anthropic.com').post('/v1/messages').reply(401, errorBody('authentication_error', 'invalid x-api-key'), { 'request-id': 'req_401' });
    const err = await new ClaudeModel({ apiKey: 'bad', maxRetries: 0 }).create(request).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ModelError);
    expect(err).toMatchObject({ retryable: false, fault: 'operator', status: 401, requestId: 'req_401' });
    expect((err as ModelError).message).toMatch(/Anthropic rejected the API key \(401\): check ANTHROPIC_API_KEY/);
  });

  it('maps a 429 to a retryable ModelError with retry-after', async () => {
    nock('https://api.anthropic.com').post('/v1/messages').reply(429, errorBody('rate_limit_error', 'Number of request tokens has exceeded your per-minute rate limit'), { 'retry-after': '7' });
    const err = await new ClaudeModel({ apiKey: 'k', maxRetries: 0 }).create(request).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ModelError);
    expect(err).toMatchObject({ retryable: true, status: 429, retryAfterMs: 7000 });
    expect((err as ModelError).message).toMatch(/rate limit.*\(429\)/);
  });

  it.each([
    [529, 'overloaded_error', /overloaded \(529\)/],
    [500, 'api_error', /server error \(500\)/],
  ])('maps a %i to a retryable ModelError blaming Anthropic', async (status, type, text) => {
    nock('https://api.anthropic.com').post('/v1/messages').reply(status, errorBody(type, 'x'));
    const err = await new ClaudeModel({ apiKey: 'k', maxRetries: 0 }).create(request).catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'ModelError', retryable: true, fault: 'anthropic', status });
    expect((err as ModelError).message).toMatch(text);
  });

  it('maps an unreachable host to a retryable network ModelError naming the URL', async () => {
    const err = await new ClaudeModel({ apiKey: 'k', baseURL: 'http://unreachable.test', maxRetries: 0 }).create(request).catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'ModelError', retryable: true, fault: 'network' });
    expect((err as ModelError).message).toContain('http://unreachable.test');
  });

  it('reads retry-after in milliseconds, seconds or as an HTTP date, and ignores nonsense', () => {
    const now = Date.parse('2026-11-29T12:00:00Z');
    expect(retryAfterMs(new Headers({ 'retry-after-ms': '1500', 'retry-after': '9' }), now)).toBe(1500);
    expect(retryAfterMs(new Headers({ 'retry-after': '9' }), now)).toBe(9000);
    expect(retryAfterMs(new Headers({ 'retry-after': 'Sun, 29 Nov 2026 12:00:30 GMT' }), now)).toBe(30_000);
    expect(retryAfterMs(new Headers({ 'retry-after': 'soon' }), now)).toBeUndefined();
    expect(retryAfterMs(new Headers({ 'retry-after': '86400' }), now)).toBe(600_000); // capped at 10 minutes
    expect(retryAfterMs(undefined, now)).toBeUndefined();
  });

  it('maps an error event inside a streamed answer like the status it stands for', async () => {
    const sse = `event: message_start\ndata: ${JSON.stringify({ type: 'message_start', message: { ...apiMessage, content: [], stop_reason: null } })}\n\nevent: error\ndata: ${JSON.stringify(errorBody('overloaded_error', 'Overloaded'))}\n\n`;
    nock('https://api.anthropic.com').post('/v1/messages').reply(200, sse, { 'content-type': 'text/event-stream' });
    const err = await new ClaudeModel({ apiKey: 'k', maxRetries: 0 }).create(request).catch((e: unknown) => e);
    expect(err).toMatchObject({ retryable: true, fault: 'anthropic', status: 529 });
  });

  it('gives up on a stream that stalls, as a retryable failure', async () => {
    nock('https://api.anthropic.com').post('/v1/messages').delay({ body: 5_000 }).reply(200, messageAsSse(apiMessage), { 'content-type': 'text/event-stream' });
    const err = await new ClaudeModel({ apiKey: 'k', maxRetries: 0, answerLimitMs: 300 }).create(request).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ModelError);
    expect(err).toMatchObject({ retryable: true, fault: 'network' });
    expect((err as Error).message).toContain('took longer than the department allows');
  });
});
