/** The first line of a step request: the step's label and the workflow, as the rehearsal model finds it. */
export const stepHeading = (label: string, workflow = 'content') => `*${label}* — ${workflow} workflow step`;

/** Reads stepHeading back: [, label, workflow]. Kept here, beside it, so the two cannot drift apart. */
export const STEP_HEADING = /^\*(.+)\* — (\S+) workflow step$/;
