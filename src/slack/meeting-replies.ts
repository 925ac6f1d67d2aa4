import type { Department } from '../department/schema.js';
import { MEETINGS, type MeetingKind } from '../meetings/meeting-kinds.js';
import type { MeetingRow } from '../meetings/meeting-store.js';
import { SWEEP_MS, type Meetings } from '../meetings/start-meetings.js';

/** A message's address in the workspace (the gateway's, from the workspace URL: no API call); null when it is not known. */
export type Permalink = (channelId: string, ts: string) => string | null;

export interface MeetingReplyDeps {
  department: Department;
  meetings: Meetings;
  permalink?: Permalink | undefined;
}

/** A link to the meeting's thread, or the channel when there is no permalink. */
function linkTo(deps: MeetingReplyDeps, m: MeetingRow): string {
  if (!m.channelId || !m.threadTs) return `#${deps.department.file.channels.standup}`;
  const link = deps.permalink?.(m.channelId, m.threadTs);
  return link ? `<${link}|the thread>` : `<#${m.channelId}>`;
}

const titleOf = (kind: string) => MEETINGS[kind as MeetingKind]?.title ?? kind.replace(/_/g, ' ');

/** `/dept standup` (weekly, monthly, quarterly): today's meeting starts now, or where today's is. */
export async function meetingReply(deps: MeetingReplyDeps, kind: MeetingKind, userId: string): Promise<string> {
  const title = titleOf(kind);
  const channel = `#${deps.department.file.channels.standup}`;
  const result = await deps.meetings.request(kind, userId);
  if ('error' in result) return result.error;
  if ('started' in result) {
    const lead = deps.department.byId.get(result.started.lead)?.name ?? result.started.lead;
    const when = result.queued ? `starts within ${SWEEP_MS / 1000} seconds (a worker process takes it)` : 'starts now';
    return `The ${title.toLowerCase()} ${when} in ${channel}, led by ${lead}: updates are posted at Slack's pace, about one a second.`;
  }
  const m = result.taken;
  const where = linkTo(deps, m);
  if (m.state === 'running') return `Today's ${title.toLowerCase()} is under way in ${channel} (${where}); one a day.`;
  if (m.state === 'done') return `Today's ${title.toLowerCase()} took place already: ${where}. There is one a day; the next one follows the schedule.`;
  return `Today's ${title.toLowerCase()} is on record as ${m.state}${m.outcome ? ` (${m.outcome})` : ''}; there is one a day.`;
}

/** `/dept meetings`: the latest meetings, with their state and a link to each thread. */
export async function meetingListReply(deps: MeetingReplyDeps): Promise<string> {
  const recent = await deps.meetings.store.recent(10);
  if (recent.length === 0) return `*Recent meetings*\nNone yet. \`/dept standup\` holds today's standup now; the schedule is in manifests/department.yml.`;
  const lines = recent.map((m) => {
    const lead = deps.department.byId.get(m.lead)?.name ?? m.lead;
    const what = m.state === 'done' ? linkTo(deps, m) : m.state === 'running' ? `under way · ${linkTo(deps, m)}` : `${m.state}${m.outcome ? ` — ${m.outcome}` : ''}`;
    return `• *${titleOf(m.kind)}* ${m.localDate} · ${lead} · ${what}`;
  });
  return ['*Recent meetings*', ...lines].join('\n');
}
