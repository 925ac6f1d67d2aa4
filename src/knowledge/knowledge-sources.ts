import { sql } from 'drizzle-orm';
import type { Department } from '../department/schema.js';
import { MEETINGS, isMeetingKind } from '../meetings/meeting-kinds.js';
import type { Db } from '../store/database.js';
import { rowsOf } from '../store/rows.js';
import type { KnowledgeRecord, KnowledgeType } from './knowledge-index.js';
import { clip } from '../lib/clip.js';

/**
 * What the department remembers from its own records, each source read from a point in time on
 * (the newest record of its type already indexed): decisions, published work, deliverables a
 * person approved, escalations a person resolved, meetings held, and thread summaries (a long
 * thread's older part, or a whole thread once it went quiet).
 * Ids are stable per source row, so reading one again replaces its record.
 */
export type Permalink = (channelId: string | null, ts: string | null, threadTs?: string | null) => string | null;

/** Long texts are indexed in part: search needs their substance, and the whole stays in its own table. */
const TEXT_MAX = 8000;
const BATCH = 500;

interface Source {
  type: KnowledgeType;
  read(db: Db, since: Date, link: Permalink, department: Department): Promise<KnowledgeRecord[]>;
}

const at = (v: string | Date) => (v instanceof Date ? v : new Date(v));

type Place = { conversation_id: string | null; channel_id: string | null; thread_ts: string | null };
const record = (r: Omit<KnowledgeRecord, 'permalink' | 'conversationId'>, place: Place, link: Permalink): KnowledgeRecord => ({
  ...r,
  text: clip(r.text, TEXT_MAX),
  title: clip(r.title, 200),
  conversationId: place.conversation_id,
  permalink: link(place.channel_id, place.thread_ts),
});

export const KNOWLEDGE_SOURCES: Source[] = [
  {
    type: 'decision',
    async read(db, since, link) {
      const rows = rowsOf<Place & { id: string; maker: string; type: string; context: string; decision: string; reasoning: string; dissent: string | null; actions: { assigned_to: string; action: string }[]; created_at: string }>(
        await db.execute(sql`
          select d.id, d.maker, d.type, d.context, d.decision, d.reasoning, d.dissent, d.actions, d.created_at, d.conversation_id, c.channel_id, c.thread_ts
          from decisions d left join conversations c on c.id = d.conversation_id
          where d.created_at >= ${since.toISOString()}::timestamptz order by d.created_at limit ${BATCH}`),
      );
      return rows.map((d) =>
        record(
          {
            id: `decision:${d.id}`, type: 'decision', source: d.maker, createdAt: at(d.created_at), title: d.decision,
            text: [`Decision (${d.type.replace(/_/g, ' ')}): ${d.decision}`, `Context: ${d.context}`, d.reasoning && `Reasoning: ${d.reasoning}`, d.dissent && `Dissent: ${d.dissent}`, d.actions.length ? `Actions: ${d.actions.map((a) => `${a.assigned_to}: ${a.action}`).join('; ')}` : '']
              .filter(Boolean)
              .join('\n'),
          },
          d,
          link,
        ),
      );
    },
  },
  {
    type: 'publication',
    async read(db, since, link) {
      const rows = rowsOf<{ id: string; title: string; content_type: string; content: string; author: string; approved_by: string | null; published_at: string; conversation_id: string; announce_channel_id: string | null; announce_ts: string | null }>(
        await db.execute(sql`
          select id, title, content_type, content, author, approved_by, published_at, conversation_id, announce_channel_id, announce_ts
          from publications where published_at >= ${since.toISOString()}::timestamptz order by published_at limit ${BATCH}`),
      );
      return rows.map((p) =>
        record(
          { id: `publication:${p.id}`, type: 'publication', source: p.author, createdAt: at(p.published_at), title: `${p.title} (${p.content_type.replace(/_/g, ' ')}, published)`, text: p.content },
          // Its announcement in the published channel is where people find it.
          { conversation_id: p.conversation_id, channel_id: p.announce_channel_id, thread_ts: p.announce_ts },
          link,
        ),
      );
    },
  },
  {
    type: 'deliverable',
    async read(db, since, link) {
      const rows = rowsOf<Place & { deliverable_id: string; version: number; title: string; content_type: string; content: string; author: string; decided_by: string; decided_at: string }>(
        await db.execute(sql`
          select a.deliverable_id, a.version, d.title, d.content_type, v.content, d.author, a.decided_by, a.decided_at, a.conversation_id, c.channel_id, c.thread_ts
          from approval_requests a
          join deliverables d on d.id = a.deliverable_id
          join deliverable_versions v on v.deliverable_id = a.deliverable_id and v.version = a.version
          left join conversations c on c.id = a.conversation_id
          where a.state = 'approved' and a.decided_at >= ${since.toISOString()}::timestamptz order by a.decided_at limit ${BATCH}`),
      );
      return rows.map((r) =>
        record(
          { id: `deliverable:${r.deliverable_id}`, type: 'deliverable', source: r.author, createdAt: at(r.decided_at), title: `${r.title} (${r.content_type.replace(/_/g, ' ')} v${r.version}, approved)`, text: r.content },
          r,
          link,
        ),
      );
    },
  },
  {
    type: 'escalation',
    async read(db, since, link) {
      const rows = rowsOf<Place & { id: string; category: string; from_agent: string; issue: string; recommendation: string | null; resolution: string | null; outcome: string | null; resolved_by: string | null; resolved_at: string }>(
        await db.execute(sql`
          select e.id, e.category, e.from_agent, e.issue, e.recommendation, e.resolution, e.outcome, e.resolved_by, e.resolved_at, e.conversation_id, c.channel_id, c.thread_ts
          from escalations e left join conversations c on c.id = e.conversation_id
          where e.resolved_at is not null and e.resolved_at >= ${since.toISOString()}::timestamptz order by e.resolved_at limit ${BATCH}`),
      );
      return rows.map((e) =>
        record(
          {
            id: `escalation:${e.id}`, type: 'escalation', source: e.resolved_by ? `human:${e.resolved_by}` : e.from_agent, createdAt: at(e.resolved_at),
            title: `Escalation (${e.category.replace(/_/g, ' ')}): ${e.issue}`,
            text: [`Raised by ${e.from_agent}: ${e.issue}`, e.recommendation && `Recommended: ${e.recommendation}`, `Outcome: ${e.outcome ?? 'resolved'}${e.resolved_by ? ` by <@${e.resolved_by}>` : ''}${e.resolution ? `: ${e.resolution}` : ''}`].filter(Boolean).join('\n'),
          },
          e,
          link,
        ),
      );
    },
  },
  {
    type: 'meeting',
    async read(db, since, link, department) {
      const rows = rowsOf<Place & { id: string; kind: string; local_date: string; lead: string; summary: string | null; finished_at: string }>(
        await db.execute(sql`
          select id, kind, local_date::text as local_date, lead, summary, finished_at, conversation_id, channel_id, thread_ts
          from meetings where state = 'done' and finished_at >= ${since.toISOString()}::timestamptz order by finished_at limit ${BATCH}`),
      );
      return rows.map((m) =>
        record(
          {
            id: `meeting:${m.id}`, type: 'meeting', source: m.lead, createdAt: at(m.finished_at),
            title: `${isMeetingKind(m.kind) ? MEETINGS[m.kind].title : m.kind} ${m.local_date} (led by ${department.byId.get(m.lead)?.name ?? m.lead})`,
            text: m.summary ?? '',
          },
          m,
          link,
        ),
      );
    },
  },
  {
    type: 'thread_summary',
    async read(db, since, link) {
      // The latest summary of each thread: of a long thread's older part (as its agents read it),
      // or of the whole thread once it went quiet. The batch is the oldest BATCH of them, so the
      // next read (from the newest indexed) misses none.
      const rows = rowsOf<Place & { text: string; message_count: number; created_at: string }>(
        await db.execute(sql`
          select * from (
            select distinct on (s.conversation_id) s.conversation_id, s.text, s.message_count, s.created_at, c.channel_id, c.thread_ts
            from thread_summaries s join conversations c on c.id = s.conversation_id
            where s.created_at >= ${since.toISOString()}::timestamptz
            order by s.conversation_id, s.through_seq desc
          ) latest order by created_at limit ${BATCH}`),
      );
      return rows.map((s) => record({ id: `thread_summary:${s.conversation_id}`, type: 'thread_summary', source: 'department', createdAt: at(s.created_at), title: `Summary of a thread (${s.message_count} messages)`, text: s.text }, s, link));
    },
  },
];
