import { CAMPAIGN_STEPS } from './campaign-workflow.js';
import { CONTENT_STEPS } from './content-workflow.js';
import { CRISIS_STEPS } from './crisis-workflow.js';

/**
 * The steps whose agent submits its work to the workflow (which reviews it and asks for approval),
 * not to the autonomy policy at once: read from each workflow's step list, so a new drafting step
 * is flagged where it is defined.
 */
export const WORKFLOW_DRAFT_STEPS: ReadonlySet<string> = new Set(
  [...CONTENT_STEPS, ...CAMPAIGN_STEPS, ...CRISIS_STEPS].filter((s) => 'drafts' in s && s.drafts).map((s) => s.step),
);
