import { describe, expect, it } from 'vitest';
import { loadDepartment } from '../../../src/department/load.js';
import { durationText, planText } from '../../../src/workflows/plan-text.js';
import type { WorkflowRun } from '../../../src/workflows/workflow-store.js';

/** The plan message of a campaign: parallel steps under one number, each with its own mark, all of them "now". */
const department = loadDepartment('manifests', 'prompts');
const run = (over: Partial<WorkflowRun>): WorkflowRun =>
  ({ id: 'wf_1', kind: 'campaign', conversationId: 'c', channelId: 'C', threadTs: '1.1', coordinator: 'campaign_manager', brief: { topic: 'Q4 lead gen push' }, status: 'running', step: null, holder: null, waiting: null, statusTs: null, drivingUntil: null, wakeRequested: false, outcome: null, startedAt: new Date(), finishedAt: null, ...over }) as WorkflowRun;
const turn = (step: string, agent: string) => ({ kind: 'turn', deliveryId: `dlv_${step}`, step, key: `${step}:1`, agent, interruptId: `i_${step}` });

describe('the campaign plan', () => {
  it('shows the three tracks in parallel, each waiting, and says who holds each now', () => {
    const waiting = run({ status: 'waiting', waiting: [turn('content', 'copywriter'), turn('email', 'email_specialist'), turn('social', 'social_media_manager')], step: 'content,email,social' });
    const text = planText(waiting, department, ['analytics', 'research', 'strategy', 'vp_review', 'strategy_approval']);
    expect(text).toContain(':clipboard: *Campaign launch* — “Q4 lead gen push”');
    expect(text).toContain('1. Input, in parallel:');
    expect(text).toMatch(/:white_check_mark: 1a\. Analytics input — Analytics Specialist/);
    expect(text).toMatch(/:white_check_mark: 4\. Strategy approval — a person/);
    expect(text).toContain('5. Tracks, in parallel:');
    expect(text).toMatch(/:hourglass_flowing_sand: 5a\. Campaign content — Copywriter/);
    expect(text).toMatch(/:hourglass_flowing_sand: 5c\. Social posts — Social Media Manager/);
    expect(text).toMatch(/:white_circle: 6\. Combined review — Campaign Manager/);
    expect(text).not.toContain('Changes before launch'); // only once it happens
    expect(text).toContain('*Now:* Campaign content — Copywriter · Campaign email — Email Specialist · Social posts — Social Media Manager');
  });

  it('a track that is in marks itself done while the others still wait', () => {
    const waiting = run({ status: 'waiting', waiting: [turn('content', 'copywriter'), turn('social', 'social_media_manager')] });
    const text = planText(waiting, department, ['analytics', 'research', 'strategy', 'vp_review', 'strategy_approval', 'email']);
    expect(text).toMatch(/:white_check_mark: 5b\. Campaign email — Email Specialist/);
    expect(text).toContain('*Now:* Campaign content — Copywriter · Social posts — Social Media Manager');
  });

  it('a content run reads as before: one step now, from a row that holds one wait', () => {
    const content = run({ kind: 'content', status: 'waiting', waiting: { kind: 'approval', requestId: 'apr_1', step: 'approval', key: 'approval:1' }, step: 'approval', holder: 'human' });
    const text = planText(content, department, ['keywords']);
    expect(text).toMatch(/^:clipboard: \*Content workflow\*/);
    expect(text).toMatch(/:white_check_mark: 1\. Keyword research — SEO Specialist/);
    expect(text).toMatch(/:hourglass_flowing_sand: 7\. Approval — a person/);
    expect(text.split('\n').at(-1)).toBe('*Now:* Approval — human');
  });
});

describe('the time a run took', () => {
  it('rounds to whole seconds before splitting off the minutes', () => {
    expect(durationText(0.4)).toBe('0 s');
    expect(durationText(59.4)).toBe('59 s');
    expect(durationText(59.6)).toBe('1 min 0 s');
    expect(durationText(119.6)).toBe('2 min 0 s');
    expect(durationText(125.2)).toBe('2 min 5 s');
    expect(durationText(3600)).toBe('60 min 0 s');
  });
});
