import { describe, expect, it } from 'vitest';
import type { KnowledgeNote } from '../../../src/agents/turn-knowledge.js';
import { followRules, useKnowledge, wordRules } from '../../../src/llm/rehearsal/knowledge-use.js';

const note = (id: string, text: string, link: string | null = null): KnowledgeNote => ({ id, type: 'note', title: text.slice(0, 40), text, source: 'human:U0ALEX', date: '2026-11-29', link });

describe('the rehearsal model and what the department remembers', () => {
  it('reads word rules written the ways people write them', () => {
    expect(wordRules([note('n1', "never say 'cheap'; say 'affordable'")]).map((r) => [r.avoid, r.use])).toEqual([['cheap', 'affordable']]);
    expect(wordRules([note('n2', 'Do not use “utilize” — use “use”.')]).map((r) => [r.avoid, r.use])).toEqual([['utilize', 'use']]);
    expect(wordRules([note('n3', 'Say "customers", not "users".')]).map((r) => [r.avoid, r.use])).toEqual([['users', 'customers']]);
    expect(wordRules([note('n4', 'We publish on Tuesdays.')])).toEqual([]);
  });

  it('follows a rule in what it writes, keeping capitals, and cites it', () => {
    const rules = wordRules([note('note:kn_1', "never say 'cheap'; say 'affordable'")]);
    expect(followRules('Cheap AI tools: cheap, fast, cheaply made', rules).text).toBe('Affordable AI tools: affordable, fast, cheaply made');
    const act = useKnowledge(
      { lead: '(rehearsal) Drafting.', calls: [{ tool: 'submit_deliverable', input: { title: 'Cheap AI tools', content: 'Why cheap AI tools win.', content_type: 'blog_post' } }] },
      [note('note:kn_1', "never say 'cheap'; say 'affordable'", 'https://acme.slack.com/archives/C1/p2')],
    );
    expect(act.calls[0]!.input.title).toBe('Affordable AI tools');
    expect(act.calls[0]!.input.content).toMatch(/^Why affordable AI tools win\.\n\nBrand rule followed: “cheap” → “affordable” \(<https:\/\/acme\.slack\.com\/archives\/C1\/p2\|.*>\)$/);
  });

  it('quotes the most relevant record once when no rule applies', () => {
    const act = useKnowledge(
      { lead: '', calls: [{ tool: 'post_message', input: { text: 'Here is my answer.' } }, { tool: 'post_message', input: { text: 'And more.' } }] },
      [note('decision:dec_1', 'We send the newsletter on Tuesdays at 10:00.')],
    );
    expect(act.calls[0]!.input.text).toBe("Here is my answer.\n\nFrom the department's memory: “We send the newsletter on Tuesdays at 10:00.” — [kb:decision:dec_1]");
    expect(act.calls[1]!.input.text).toBe('And more.');
  });
});
