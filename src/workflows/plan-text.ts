import type { Department } from '../department/schema.js';
import { CONTENT_STEPS } from './content-workflow.js';
import { CRISIS_STEPS } from './crisis-workflow.js';
import { DISAGREEMENT_STEPS } from './disagreement-workflow.js';
import type { WorkflowRun } from './workflow-store.js';

const STEPS: Record<string, readonly { step: string; agent: string | null; label: string }[]> = { content: CONTENT_STEPS, disagreement: DISAGREEMENT_STEPS, crisis: CRISIS_STEPS };
const TITLES: Record<string, string> = { content: 'Content workflow', disagreement: 'Disagreement resolution', crisis: 'Crisis response — all hands' };

/** Who holds a step its kind does not name an agent for: a side, the deciding manager, or a person. */
function holderOf(run: WorkflowRun, step: string): string | null {
  const parties = (run.brief as { parties?: string[] }).parties ?? [];
  if (step === 'position_a') return parties[0] ?? null;
  if (step === 'position_b') return parties[1] ?? null;
  if (step === 'decide') return run.coordinator;
  return null;
}

/**
 * The run's plan with its live status (the first message of the run, updated in place): each step,
 * who holds it, and whether it is done, under way or to come.
 */
export function planText(run: WorkflowRun, department: Department, finished: string[], totals?: string): string {
  const steps = STEPS[run.kind] ?? [];
  const brief = run.brief as { topic?: string; requestedBy?: string | null };
  // A run that ended well did every step; one that stopped shows where.
  const done = run.status === 'done' ? new Set(steps.map((s) => s.step)) : new Set(finished);
  const live = run.status === 'running' || run.status === 'waiting';
  const lines = steps
    .filter((s) => !s.agent || department.byId.has(s.agent))
    .map((s, i) => {
      const agent = s.agent ?? holderOf(run, s.step);
      const who = agent ? (department.byId.get(agent)?.name ?? agent) : 'a person, at the autonomy level';
      const mark = done.has(s.step) ? ':white_check_mark:' : live && run.step === s.step ? ':hourglass_flowing_sand:' : ':white_circle:';
      return `${mark} ${i + 1}. ${s.label} — ${who}`;
    });
  const asked = brief.requestedBy ? ` (asked by <@${brief.requestedBy}>)` : '';
  const now = live
    ? `*Now:* ${steps.find((s) => s.step === run.step)?.label ?? 'starting'}${run.holder ? ` — ${department.byId.get(run.holder)?.name ?? run.holder}` : ''}`
    : `*${run.status === 'done' ? 'Done' : 'Stopped'}:* ${run.outcome ?? ''}${totals ? ` · ${totals}` : ''}`;
  return [`:clipboard: *${TITLES[run.kind] ?? run.kind}* — “${brief.topic ?? ''}”${asked}`, ...lines, now].join('\n');
}
