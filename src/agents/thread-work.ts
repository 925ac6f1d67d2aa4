/**
 * The department's records of the work in a thread, as the agent reads them in its turn: the
 * deliverables (latest version, the state of their latest approval request) and the tasks. The
 * tool executor checks the ids an agent names against this snapshot, and the prompt shows it in
 * a line format the rehearsal model reads back.
 */
export interface WorkDeliverable {
  id: string;
  contentType: string;
  title: string;
  author: string;
  version: number;
  /** The latest approval request or escalation about it, if any. */
  approval: { id: string; state: string; version: number; comment: string | null } | null;
}

export interface WorkTask {
  id: string;
  title: string;
  assignee: string;
  requester: string;
  status: string;
  dueDate: string | null;
}

/** The thread's live workflow run: it takes submitted drafts through its own review and approval. */
export interface WorkWorkflow {
  id: string;
  kind: string;
  /** The steps under way, comma-separated (parallel tracks are several). */
  step: string | null;
}

export interface ThreadWork {
  deliverables: WorkDeliverable[];
  tasks: WorkTask[];
  workflow?: WorkWorkflow | null;
}

export const NO_WORK: ThreadWork = { deliverables: [], tasks: [] };

const HEADING = 'Work in this thread (the department records; only a person clicking a card decides an approval):';
const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim().slice(0, 200);

const WORKFLOW = /^- workflow (\S+) (\S+) at (\S+)$/;
const DELIVERABLE = /^- deliverable (\S+) v(\d+) (\S+) by (\S+)(?:, approval (\S+) (\S+) of v(\d+))?: (.*)$/;
const TASK = /^- task (\S+) (\S+) for (\S+) from (\S+)(?: due (\S+))?: (.*)$/;

export function renderThreadWork(work: ThreadWork): string {
  if (work.deliverables.length === 0 && work.tasks.length === 0 && !work.workflow) return '';
  const lines = [
    ...(work.workflow ? [`- workflow ${work.workflow.id} ${work.workflow.kind} at ${work.workflow.step ?? 'start'}`] : []),
    ...work.deliverables.map(
      (d) => `- deliverable ${d.id} v${d.version} ${d.contentType} by ${d.author}${d.approval ? `, approval ${d.approval.id} ${d.approval.state} of v${d.approval.version}` : ''}: ${oneLine(d.title)}`,
    ),
    ...work.tasks.map((t) => `- task ${t.id} ${t.status} for ${t.assignee} from ${t.requester}${t.dueDate ? ` due ${t.dueDate}` : ''}: ${oneLine(t.title)}`),
  ];
  return [HEADING, ...lines].join('\n');
}

/** The snapshot back from a prompt's text (the rehearsal model's reading); comments are not carried. */
export function parseThreadWork(text: string): ThreadWork {
  const at = text.indexOf(HEADING);
  if (at < 0) return NO_WORK;
  const work: ThreadWork = { deliverables: [], tasks: [] };
  for (const line of text.slice(at + HEADING.length).split('\n')) {
    const w = WORKFLOW.exec(line);
    if (w) work.workflow = { id: w[1]!, kind: w[2]!, step: w[3] === 'start' ? null : w[3]! };
    const d = DELIVERABLE.exec(line);
    if (d) {
      work.deliverables.push({
        id: d[1]!,
        version: Number(d[2]),
        contentType: d[3]!,
        author: d[4]!,
        approval: d[5] ? { id: d[5], state: d[6]!, version: Number(d[7]), comment: null } : null,
        title: d[8]!,
      });
      continue;
    }
    const t = TASK.exec(line);
    if (t) work.tasks.push({ id: t[1]!, status: t[2]!, assignee: t[3]!, requester: t[4]!, dueDate: t[5] ?? null, title: t[6]! });
  }
  return work;
}
