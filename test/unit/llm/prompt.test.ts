import { describe, expect, it } from 'vitest';
import { agentTools } from '../../../src/agents/tools.js';
import { buildRequest } from '../../../src/llm/prompt.js';

describe('buildRequest', () => {
  const base = { model: 'claude-haiku-4-5', maxTokens: 500, staticSystem: 'static', messages: [{ role: 'user' as const, content: 'hi' }] };

  it('marks the static system block and the last tool as cacheable, and nothing else', () => {
    const req = buildRequest({ ...base, dynamicSystem: 'dynamic', tools: agentTools(['copywriter']) });
    expect(req.system).toEqual([
      { type: 'text', text: 'static', cache_control: { type: 'ephemeral' } },
      { type: 'text', text: 'dynamic' },
    ]);
    const marks = req.tools?.map((t) => ('cache_control' in t ? t.cache_control : undefined));
    expect(marks?.at(-1)).toEqual({ type: 'ephemeral' });
    expect(marks?.slice(0, -1).every((m) => m === undefined)).toBe(true);
    expect(req).toMatchObject({ model: 'claude-haiku-4-5', max_tokens: 500, messages: base.messages });
  });

  it('leaves out an empty dynamic block and an empty tool list, and does not mutate the tools', () => {
    const tools = agentTools([]);
    const req = buildRequest({ ...base, tools: [] });
    expect(req.system).toHaveLength(1);
    expect(req.tools).toBeUndefined();
    buildRequest({ ...base, tools });
    expect(tools.every((t) => t.cache_control === undefined)).toBe(true);
  });
});
