import type { WebClient } from '@slack/web-api';
import type { Department } from '../department/schema.js';
import { MEETINGS, type MeetingKind } from '../meetings/meeting-kinds.js';
import type { MeetingRow } from '../meetings/meeting-store.js';
import { SWEEP_MS, type Meetings } from '../meetings/start-meetings.js';

/** A link to the meeting's thread (chat.getPermalink), or the channel when Slack gives none. */
async function linkTo(client: WebClient, department: Department, m: MeetingRow): Promise<string> {
  if (!m.channelId || !m.threadTs) return `#${department.file.channels.standup}`;
  const res = await client.chat.getPermalink({ channel: m.channelId, message_ts: m.threadTs }).catch(() => null);
  return res?.permalink ? `<${res.permalink}|the thread>` : `<#${m.channelId}>`;
}

const titleOf = (kind: string) => MEETINGS[kind as MeetingKind]?.title ?? kind.replace(/_/g, ' ');

/** `/dept standup` (weekly, monthly, quarterly): today's meeting starts now, or where today's is. */
export async function meetingReply(deps: { department: Department; meetings: Meetings }, client: WebClient, kind: MeetingKind, userId: string): Promise<string> {
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
  const where = await linkTo(client, deps.department, m);
  if (m.state === 'running') return `Today's ${title.toLowerCase()} is under way in ${channel} (${where}); one a day.`;
  if (m.state === 'done') return `Today's ${title.toLowerCase()} took place already: ${where}. There is one a day; the next one follows the schedule.`;
  return `Today's ${title.toLowerCase()} is on record as ${m.state}${m.outcome ? ` (${m.outcome})` : ''}; there is one a day.`;
}

/** `/dept meetings`: the latest meetings, with their state and a link to each thread. */
export async function meetingListReply(deps: { department: Department; meetings: Meetings }, client: WebClient): Promise<string> {
  const recent = await deps.meetings.store.recent(10);
  if (recent.length === 0) return `*Recent meetings*\nNone yet. \`/dept standup\` holds today's standup now; the schedule is in manifests/department.yml.`;
  const lines = await Promise.all(
    recent.map(async (m) => {
      const lead = deps.department.byId.get(m.lead)?.name ?? m.lead;
      const what = m.state === 'done' ? await linkTo(client, deps.department, m) : m.state === 'running' ? `under way · ${await linkTo(client, deps.department, m)}` : `${m.state}${m.outcome ? ` — ${m.outcome}` : ''}`;
      return `• *${titleOf(m.kind)}* ${m.localDate} · ${lead} · ${what}`;
    }),
  );
  return ['*Recent meetings*', ...lines].join('\n');
}
