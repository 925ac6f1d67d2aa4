import type { Department } from '../department/schema.js';
import { CAMPAIGN_STEPS } from './campaign-workflow.js';
import { CONTENT_STEPS } from './content-workflow.js';
import { CRISIS_STEPS } from './crisis-workflow.js';
import { DISAGREEMENT_STEPS } from './disagreement-workflow.js';
import { waitsIn } from './waits.js';
import type { WorkflowRun } from './workflow-store.js';

interface PlanStep {
  step: string;
  agent: string | null;
  label: string;
  /** Steps with the same name here run at once: shown under one number. */
  parallel?: string;
  /** Shown only once it happened or is under way. */
  optional?: boolean;
}

const STEPS: Record<string, readonly PlanStep[]> = { content: CONTENT_STEPS, campaign: CAMPAIGN_STEPS, disagreement: DISAGREEMENT_STEPS, crisis: CRISIS_STEPS };
const TITLES: Record<string, string> = { content: 'Content workflow', campaign: 'Campaign launch', disagreement: 'Disagreement resolution', crisis: 'Crisis response — all hands' };

/** How long a run took: "45 s", "2 min 5 s" (whole seconds first, so 119.6 s is "2 min 0 s", never "1 min 60 s"). */
export function durationText(seconds: number): string {
  const whole = Math.round(seconds);
  return whole >= 60 ? `${Math.floor(whole / 60)} min ${whole % 60} s` : `${whole} s`;
}

/** Who holds a step its kind does not name an agent for: a side, the deciding manager; else a person. */
function holderOf(run: WorkflowRun, step: string): string | null {
  const parties = (run.brief as { parties?: string[] }).parties ?? [];
  if (step === 'position_a') return parties[0] ?? null;
  if (step === 'position_b') return parties[1] ?? null;
  if (step === 'decide') return run.coordinator;
  return null;
}

/**
 * The run's plan with its live status (the first message of the run, updated in place): each step,
 * who holds it, and whether it is done, under way or to come; parallel steps under one number, each
 * with its own mark, as they move independently.
 */
export function planText(run: WorkflowRun, department: Department, finished: string[], totals?: string): string {
  const steps = STEPS[run.kind] ?? [];
  const brief = run.brief as { topic?: string; requestedBy?: string | null };
  const live = run.status === 'running' || run.status === 'waiting';
  const now = live ? currentSteps(run) : [];
  // A run that ended well did every step; one that stopped shows where.
  const done = run.status === 'done' ? new Set(steps.map((s) => s.step)) : new Set(finished);
  const shown = steps.filter((s) => (!s.agent || department.byId.has(s.agent)) && (!s.optional || done.has(s.step) || now.some((n) => n.step === s.step)));
  const who = (s: PlanStep) => {
    const agent = s.agent ?? holderOf(run, s.step);
    return agent ? (department.byId.get(agent)?.name ?? agent) : 'a person, at the autonomy level';
  };
  const mark = (s: PlanStep) => (done.has(s.step) && !(live && now.some((n) => n.step === s.step)) ? ':white_check_mark:' : now.some((n) => n.step === s.step) ? ':hourglass_flowing_sand:' : ':white_circle:');
  const lines: string[] = [];
  let n = 0;
  shown.forEach((s, i) => {
    const group = s.parallel && shown[i - 1]?.parallel !== s.parallel ? shown.filter((x) => x.parallel === s.parallel) : null;
    if (!s.parallel) lines.push(`${mark(s)} ${++n}. ${s.label} — ${who(s)}`);
    else if (group) {
      n++;
      lines.push(`${n}. ${s.parallel}, in parallel:`, ...group.map((g, j) => `      ${mark(g)} ${n}${'abcdefgh'[j]}. ${g.label} — ${who(g)}`));
    }
  });
  const asked = brief.requestedBy ? ` (asked by <@${brief.requestedBy}>)` : '';
  const label = (step: string) => steps.find((s) => s.step === step)?.label ?? step;
  const holderName = (holder: string | null) => (holder ? ` — ${department.byId.get(holder)?.name ?? holder}` : '');
  const status = live
    ? `*Now:* ${now.length === 0 ? 'starting' : now.map((c) => `${label(c.step)}${holderName(c.holder)}`).join(' · ')}`
    : `*${run.status === 'done' ? 'Done' : 'Stopped'}:* ${run.outcome ?? ''}${totals ? ` · ${totals}` : ''}`;
  return [`:clipboard: *${TITLES[run.kind] ?? run.kind}* — “${brief.topic ?? ''}”${asked}`, ...lines, status].join('\n');
}

/** The steps under way and who holds each: what the run waits for, or the step it is asking for now. */
function currentSteps(run: WorkflowRun): { step: string; holder: string | null }[] {
  const waits = run.status === 'waiting' ? waitsIn(run.waiting) : [];
  if (waits.length > 0) return waits.map((w) => ({ step: w.step, holder: w.kind === 'turn' ? w.agent : 'human' }));
  return run.step ? [{ step: run.step, holder: run.holder }] : [];
}
