import { describe, expect, it } from 'vitest';
import type { types } from '@slack/bolt';
import { ActionIds, BlockIds, CallbackIds } from '../../../src/slack/action-ids.js';
import {
  escalationCardBlocks,
  escalationCardText,
  escalationTitle,
  instructionsModal,
  resolvedEscalationBlocks,
  type EscalationCardInput,
} from '../../../src/slack/blocks/escalation-card.js';

const card = (over: Partial<EscalationCardInput> = {}): EscalationCardInput => ({
  escalationId: 'esc_1',
  level: 'cmo',
  category: 'brand_voice',
  fromName: 'Content Manager',
  toLabel: 'Chief Marketing Officer',
  issue: 'The launch post and the brand guide disagree on tone.',
  attemptsMade: 'Asked the Copywriter for two variants.',
  urgency: 'high',
  recommendation: 'Use variant B.',
  impact: 'The launch slips a day.',
  humanLed: false,
  rehearsal: false,
  ...over,
});

type Section = { type: 'section'; text?: { text: string }; fields?: { text: string }[] };
type Actions = { type: 'actions'; block_id?: string; elements: { action_id: string; value: string; style?: string; text: { text: string } }[] };
const sections = (blocks: types.KnownBlock[]) => blocks.filter((b): b is types.KnownBlock & Section => b.type === 'section');
const actions = (blocks: types.KnownBlock[]) => blocks.find((b) => b.type === 'actions') as Actions | undefined;
/** Every mrkdwn text on the card, in reading order. */
const texts = (blocks: types.KnownBlock[]) => sections(blocks).flatMap((s) => [s.text?.text ?? '', ...(s.fields ?? []).map((f) => f.text)]);

describe('escalation card', () => {
  it('reads as the seed 3.4 format: the ESCALATION line, then the labelled fields in order', () => {
    const all = texts(escalationCardBlocks(card())).join('\n');
    expect(all.split('\n')[0]).toBe(':rotating_light: *ESCALATION:* CMO Brand voice');
    const labels = ['*FROM:*', '*TO:*', '*ISSUE:*', '*ATTEMPTS MADE:*', '*URGENCY:*', '*RECOMMENDATION:*', '*IMPACT:*'];
    const at = labels.map((l) => all.indexOf(l));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(all).toContain('*FROM:*\nContent Manager');
    expect(all).toContain('*TO:*\nChief Marketing Officer');
    expect(all).toContain('*URGENCY:* :large_orange_circle: High');
    expect(all).toContain('*RECOMMENDATION:*\nUse variant B.');
  });

  it('offers Approve (primary), Request changes and Reject, each carrying the escalation id', () => {
    const row = actions(escalationCardBlocks(card()))!;
    expect(row.block_id).toBe(BlockIds.escalationDecision);
    expect(row.elements.map((e) => [e.text.text, e.action_id, e.value, e.style])).toEqual([
      ['Approve', ActionIds.escalationApprove, 'esc_1', 'primary'],
      ['Request changes', ActionIds.escalationRequestChanges, 'esc_1', undefined],
      ['Reject', ActionIds.escalationReject, 'esc_1', 'danger'],
    ]);
    expect(Object.values(ActionIds)).toEqual([...new Set(Object.values(ActionIds))]);
  });

  it('when a person leads, adds Give instructions and makes it the primary button', () => {
    const blocks = escalationCardBlocks(card({ humanLed: true }));
    expect(actions(blocks)!.elements.map((e) => [e.text.text, e.action_id, e.value, e.style])).toEqual([
      ['Give instructions', ActionIds.escalationInstruct, 'esc_1', 'primary'],
      ['Approve', ActionIds.escalationApprove, 'esc_1', undefined],
      ['Request changes', ActionIds.escalationRequestChanges, 'esc_1', undefined],
      ['Reject', ActionIds.escalationReject, 'esc_1', 'danger'],
    ]);
    expect(JSON.stringify(blocks)).toContain('A person leads this decision');
    expect(JSON.stringify(escalationCardBlocks(card()))).not.toContain('A person leads');
  });

  it('shows what an agent wrote literally: no mention, broadcast or link can fire', () => {
    const blocks = escalationCardBlocks(
      card({ issue: 'Tell <!channel> and <@U123> now', fromName: '<@U999>', toLabel: '<!here>', recommendation: '<https://evil.example|click>', category: '<!everyone>' }),
    );
    const all = texts(blocks).join('\n');
    expect(all).toContain('Tell &lt;!channel&gt; and &lt;@U123&gt; now');
    expect(all).toContain('&lt;@U999&gt;');
    expect(all).toContain('&lt;!here&gt;');
    expect(all).toContain('&lt;https://evil.example|click&gt;');
    expect(all).not.toMatch(/<[@!#]|<https?:/);
    expect(escalationCardText(card({ fromName: '<!channel>' }))).toBe('ESCALATION: CMO Brand voice from &lt;!channel&gt;');
  });

  it('keeps within Slack limits with a 10,000-character issue, and says it was cut', () => {
    for (const issue of ['x'.repeat(10_000), '<'.repeat(10_000), `a${'&'.repeat(9_999)}`, '🚀'.repeat(5_000), `a${'🚀'.repeat(5_000)}`]) {
      const long = { issue, attemptsMade: issue, recommendation: issue, impact: issue, fromName: issue, toLabel: issue, category: issue };
      for (const blocks of [
        escalationCardBlocks(card(long)),
        resolvedEscalationBlocks(card(long), { state: 'rejected', by: 'U1', at: new Date(), comment: issue }),
      ]) {
        for (const s of sections(blocks)) {
          if (s.text) expect(s.text.text.length).toBeLessThanOrEqual(3000);
          expect((s.fields ?? []).length).toBeLessThanOrEqual(10);
          for (const f of s.fields ?? []) expect(f.text.length).toBeLessThanOrEqual(2000);
        }
        expect(blocks.length).toBeLessThanOrEqual(50);
        const issueText = texts(blocks).find((t) => t.startsWith('*ISSUE:*'))!;
        expect(issueText.endsWith('…')).toBe(true);
        // Cut between whole characters: never inside an escape or an emoji.
        expect(issueText).not.toMatch(/&(?:a|am|amp|l|lt|g|gt)?…$/);
        expect(issueText).not.toMatch(/[\uD800-\uDBFF]…$/);
      }
    }
  });

  it('says so when a field was left empty, rather than showing a bare label', () => {
    const all = texts(escalationCardBlocks(card({ attemptsMade: '  ' }))).join('\n');
    expect(all).toContain('*ATTEMPTS MADE:*\n_Not stated._');
  });

  it('carries the rehearsal label only for rehearsal content', () => {
    expect(JSON.stringify(escalationCardBlocks(card({ rehearsal: true })))).toContain('Rehearsal content (offline model)');
    expect(escalationCardBlocks(card()).some((b) => b.type === 'context')).toBe(false);
  });
});

describe('resolved escalation card', () => {
  const at = new Date('2025-11-04T15:45:00Z');

  it('shows the outcome, who and when, the comment quoted and literal, and no buttons', () => {
    const blocks = resolvedEscalationBlocks(card({ humanLed: true, rehearsal: true }), {
      state: 'instructed',
      by: 'U42',
      at,
      comment: 'Hold the launch.\nAsk <!channel> nothing.',
    });
    expect(blocks.some((b) => b.type === 'actions')).toBe(false);
    expect(JSON.stringify(blocks)).not.toContain('A person leads');
    const first = texts(blocks)[0];
    expect(first).toBe(
      `:compass: Instructions given by <@U42> <!date^${at.getTime() / 1000}^{date_short_pretty} at {time}|2025-11-04T15:45:00.000Z>\n>Hold the launch.\n>Ask &lt;!channel&gt; nothing.`,
    );
    expect(texts(blocks)[1]!.startsWith(':rotating_light: *ESCALATION:* CMO Brand voice')).toBe(true);
    expect(JSON.stringify(blocks)).toContain('Rehearsal content (offline model)');
  });

  it('names each outcome, and shows no quote without a comment', () => {
    const outcome = (state: 'approved' | 'changes_requested' | 'rejected' | 'instructed') =>
      texts(resolvedEscalationBlocks(card(), { state, by: 'U1', at, comment: null }))[0]!.split(' by ')[0];
    expect(outcome('approved')).toBe(':white_check_mark: Recommendation approved');
    expect(outcome('changes_requested')).toBe(':pencil2: Changes requested');
    expect(outcome('rejected')).toBe(':x: Rejected');
    expect(outcome('instructed')).toBe(':compass: Instructions given');
    expect(texts(resolvedEscalationBlocks(card(), { state: 'approved', by: 'U1', at, comment: null }))[0]).not.toContain('\n');
  });
});

describe('Give instructions modal', () => {
  it('asks for required free text up to 3,000 characters, and carries its metadata', () => {
    const view = instructionsModal(escalationTitle(card()), '{"escalationId":"esc_1"}');
    expect(view.callback_id).toBe(CallbackIds.instructionsModal);
    expect(view.private_metadata).toBe('{"escalationId":"esc_1"}');
    expect(view.title.text.length).toBeLessThanOrEqual(24);
    const input = view.blocks.find((b) => b.type === 'input') as types.InputBlock;
    expect(input.block_id).toBe(BlockIds.instructions);
    expect(input.optional ?? false).toBe(false); // Slack: inputs are required unless optional is true
    expect(input.element).toMatchObject({ type: 'plain_text_input', action_id: 'value', multiline: true, max_length: 3000 });
    expect(JSON.stringify(view.blocks[0])).toContain('CMO escalation: Brand voice');
  });

  it('shows the title literally', () => {
    const view = instructionsModal('<!channel> help', '{}');
    expect(JSON.stringify(view.blocks[0])).toContain('&lt;!channel&gt; help');
  });
});
