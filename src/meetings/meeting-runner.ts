import type { Logger } from 'pino';
import type { ThreadPoster } from '../agents/ports.js';
import type { Bus } from '../bus/bus.js';
import type { AgentDef, Department } from '../department/schema.js';
import { errorLine } from '../lib/error-line.js';
import type { ChatModel } from '../llm/model.js';
import { REHEARSAL_NOTE } from '../llm/rehearsal/text.js';
import type { ChannelPacer } from '../slack/channel-pacer.js';
import { pacedPoster } from '../slack/paced-poster.js';
import type { Db } from '../store/database.js';
import type { Store } from '../store/store.js';
import { postOnce } from '../workflows/workflow-posts.js';
import { attendeesOf } from './attendees.js';
import { answerText, type ModelCall } from '../llm/ask-once.js';
import { recordModelCalls } from '../store/record-model-calls.js';
import type { FactSheet } from './fact.js';
import { groundUpdate, nothingToReport } from './grounded-update.js';
import { askAgentOnce } from './meeting-calls.js';
import { MEETINGS, type MeetingKind, type MeetingSpec } from './meeting-kinds.js';
import { recordMeetingOutcome, type RecordedOutcome } from './meeting-outcome.js';
import { closingPrompt, meetingOutcomeInput, meetingOutcomeTool, RECORD_MEETING_OUTCOME, updatePrompt, type MeetingOutcome, type PostedUpdate } from './meeting-prompts.js';
import type { AttendeeFacts, MeetingRecords, MeetingWindow } from './meeting-records.js';
import type { MeetingRow, MeetingStore } from './meeting-store.js';
import { addDays } from './meeting-times.js';
import { meetingThread, postedText, postedTexts } from './meeting-thread.js';

export interface MeetingRunnerDeps {
  db: Db;
  store: Pick<Store, 'markPostedAndReserve' | 'stampMessage'>;
  meetings: MeetingStore;
  records: MeetingRecords;
  poster: ThreadPoster;
  /** Slack takes about one message per second per channel: every post of a meeting waits its turn. */
  pacer: ChannelPacer;
  bus: Pick<Bus, 'publish'>;
  department: Department;
  model: ChatModel;
  systemPrompt: (agentId: string) => string;
  logger: Logger;
  renewMs?: number;
}

const DAY_MS = 86_400_000;
const count = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
/** How many facts the sheet holds (not the ids it may cite, which add each fact's thread). */
const onFile = (sheet: FactSheet) => {
  const n = sheet.done.length + sheet.doing.length + sheet.blockers.length;
  return `${count(n, 'record')} of mine ${n === 1 ? 'is' : 'are'} on file`;
};
const longDate = (localDate: string) => new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', weekday: 'long', month: 'long', day: 'numeric', year: 'numeric' }).format(new Date(`${localDate}T12:00:00Z`));

/**
 * Holds a meeting it has claimed (or taken over) as one Slack thread in the standup channel: the
 * lead opens it with the agenda, every attendee's update is prepared at once from its fact sheet
 * and posted in turn at Slack's pace under its own identity, and the lead closes it with the
 * decisions and action items, which are recorded. Every post has a key, so a meeting taken over
 * after a crash picks up where it stopped without posting anything twice.
 */
export function meetingRunner(deps: MeetingRunnerDeps) {
  const { department, logger } = deps;
  const paced = pacedPoster(deps.poster, deps.pacer);
  const postDeps = { db: deps.db, store: deps.store, poster: paced, bus: deps.bus };

  async function hold(claimed: MeetingRow): Promise<void> {
    const kind = claimed.kind as MeetingKind;
    const spec = MEETINGS[kind];
    const lead = department.byId.get(claimed.lead) ?? department.byId.get(department.file.front_desk)!;
    const attendees = attendeesOf(department, department.file.meetings[kind]?.attendees ?? 'all');
    const log = logger.child({ meeting: claimed.id, kind });
    const lease = keepLease(claimed);
    const calls: ModelCall[] = [];
    // Known once the thread is: calls left unrecorded when the meeting stops are costed to it.
    let conversationId: string | null = claimed.conversationId;
    try {
      const previous = await deps.meetings.latestDone(kind);
      // It is this meeting only when its first holder finished it after losing the lease to us; then every post is in the thread already.
      const window: MeetingWindow = { since: previous && previous.id !== claimed.id ? previous.startedAt : new Date(claimed.startedAt.getTime() - spec.windowDays * DAY_MS), until: claimed.startedAt };
      const agenda = await deps.records.agenda(kind, window);
      const opening = [`*${spec.title} — ${longDate(claimed.localDate)}* · led by ${lead.name}`, `${attendees.length} attending; their updates follow in this thread.`, agenda.text].filter(Boolean).join('\n');
      lease.check();
      const thread = await meetingThread({ ...deps, poster: paced }, claimed, lead.id, opening);
      const run = thread;
      conversationId = run.conversationId;

      // Prepared at once (each from its own facts), posted one after another at Slack's pace.
      const facts = await Promise.all(attendees.map((a) => deps.records.factsFor(a.id, window)));
      const posted = await postedTexts(deps.db, claimed.id, attendees.map((a) => `update:${a.id}`));
      const prepared = attendees.map((a, i) => posted.get(`update:${a.id}`) || prepareUpdate(a, facts[i]!, spec, claimed.localDate, calls));
      const updates: PostedUpdate[] = [];
      for (const [i, agent] of attendees.entries()) {
        const text = await prepared[i]!;
        lease.check();
        await postOnce(postDeps, { runId: claimed.id, key: `update:${agent.id}`, conversationId: run.conversationId, channelId: run.channelId, threadTs: run.threadTs, agentId: agent.id, text, mentions: [], type: 'status_update' });
        updates.push({ agentId: agent.id, name: agent.name, text });
      }

      const closed = await postedText(deps.db, claimed.id, 'closing');
      let summary = closed;
      if (!closed) {
        const { outcome, note } = await closeWith(lead, spec, claimed.localDate, opening, updates, { ...agenda.data, attendees: facts.map((f) => ({ agent: f.agentId, facts: f.sheet })) }, calls);
        const recorded = await recordMeetingOutcome(
          deps.db,
          { meetingId: claimed.id, conversationId: run.conversationId, lead: lead.id, decisionType: spec.decisionType, context: `${spec.title} ${claimed.localDate}`, known: new Set(department.agents.map((a) => a.id)), defaultDue: addDays(claimed.localDate, spec.windowDays) },
          outcome,
        );
        summary = closingText(outcome, recorded, note);
        if (deps.model.rehearsal) summary += `\n${REHEARSAL_NOTE}`;
        lease.check();
        await recordModelCalls(deps.db, department.file.timezone, run.conversationId, calls.splice(0));
        await postOnce(postDeps, { runId: claimed.id, key: 'closing', conversationId: run.conversationId, channelId: run.channelId, threadTs: run.threadTs, agentId: lead.id, text: summary, mentions: [], type: 'status_update' });
        const seconds = Math.round((Date.now() - claimed.startedAt.getTime()) / 1000);
        const status = `*Done:* ${count(updates.length, 'update')} · ${count(recorded.decisions.length, 'decision')} · ${count(recorded.tasks.length, 'action item')} · ${seconds} s${deps.model.rehearsal ? ' · rehearsal model, $0' : ''}`;
        await deps.poster.updateAgentMessage({ agentId: lead.id, channelId: run.channelId, ts: run.threadTs, text: `${opening}\n${status}` }).catch((err) => log.warn({ err: errorLine(err) }, 'could not update the meeting status line'));
      }
      await deps.meetings.finish(claimed.id, { summary: summary ?? '' });
      log.info({ updates: updates.length }, 'meeting held');
    } catch (err) {
      if (err instanceof LeaseLost) {
        log.warn('meeting taken over by another process; this one stops');
        return;
      }
      // Left running: when its lease runs out, a process takes it over and goes on from where it stopped.
      log.error({ err: errorLine(err) }, 'meeting stopped; it is taken over when its lease runs out');
      throw err;
    } finally {
      lease.stop();
      await recordModelCalls(deps.db, department.file.timezone, conversationId, calls).catch(() => {});
    }
  }

  /** An update written now from the agent's facts (lines citing unknown records taken out). */
  async function prepareUpdate(agent: AgentDef, facts: AttendeeFacts, spec: MeetingSpec, localDate: string, calls: ModelCall[]): Promise<string> {
    try {
      const { response, call } = await askAgentOnce(deps, agent, updatePrompt({ agentId: agent.id, kind: spec.kind, localDate, ask: spec.updateAsk, facts: facts.text }));
      calls.push(call);
      const written = answerText(response);
      if (!written) return facts.empty ? nothingToReport(spec.title) : `I could not write my update (the model answered nothing); ${onFile(facts.sheet)}.`;
      const grounded = groundUpdate(written, facts.sheet);
      return grounded.dropped > 0 ? `${grounded.text}\n_(${grounded.dropped} line${grounded.dropped === 1 ? '' : 's'} taken out: they claimed what the records do not show)_` : grounded.text;
    } catch (err) {
      logger.warn({ err: errorLine(err), agent: agent.id }, 'meeting update failed');
      return `I could not write my update (${errorLine(err)}); ${onFile(facts.sheet)}.`;
    }
  }

  /** The lead's outcome from one model call; a model that does not call the tool still gives its summary. */
  async function closeWith(lead: AgentDef, spec: MeetingSpec, localDate: string, opening: string, updates: PostedUpdate[], data: unknown, calls: ModelCall[]): Promise<{ outcome: MeetingOutcome; note: string }> {
    const prompt = closingPrompt({ agentId: lead.id, kind: spec.kind, localDate, ask: spec.closingAsk, opening, updates, data });
    try {
      const { response, call } = await askAgentOnce(deps, lead, prompt, [meetingOutcomeTool(department.agents.map((a) => a.id))]);
      calls.push(call);
      const use = response.content.find((b) => b.type === 'tool_use' && b.name === RECORD_MEETING_OUTCOME);
      const parsed = use && use.type === 'tool_use' ? meetingOutcomeInput.safeParse(use.input) : null;
      if (parsed?.success) return { outcome: parsed.data, note: '' };
      const why = parsed ? `its record was not valid (${parsed.error.issues[0]?.message ?? 'invalid'})` : 'it recorded no outcome';
      return { outcome: { summary: answerText(response) || 'The meeting closed without a summary.', decisions: [], action_items: [] }, note: `No decisions or action items were recorded: ${why}.` };
    } catch (err) {
      return { outcome: { summary: 'The lead could not write the closing summary.', decisions: [], action_items: [] }, note: `No decisions or action items were recorded: ${errorLine(err)}.` };
    }
  }

  function closingText(outcome: MeetingOutcome, recorded: RecordedOutcome, note: string): string {
    const nameOf = (id: string) => department.byId.get(id)?.name ?? id;
    return [
      `*Summary*\n${outcome.summary}`,
      recorded.decisions.length > 0 ? `*Decisions* (on record: /dept decisions)\n${recorded.decisions.map((d) => `• ${d.decision}${d.reasoning ? ` — ${d.reasoning}` : ''}`).join('\n')}` : '',
      recorded.tasks.length > 0 ? `*Action items* (tasks: /dept tasks)\n${recorded.tasks.map((t) => `• *${nameOf(t.assignee)}:* ${t.title} (due ${t.dueDate})`).join('\n')}` : '',
      recorded.unassigned.length > 0 ? `*Not assigned*\n${recorded.unassigned.map((u) => `• ${u}`).join('\n')}` : '',
      note ? `_${note}_` : '',
    ]
      .filter(Boolean)
      .join('\n');
  }

  /** Renews the meeting's lease while it runs; check() throws once another process holds it. */
  function keepLease(claimed: MeetingRow) {
    let held: MeetingRow | null = claimed;
    const timer = setInterval(() => {
      if (!held) return;
      void deps.meetings.renewLease(held).then((row) => (held = row), (err) => logger.warn({ err: errorLine(err) }, 'could not renew the meeting lease'));
    }, deps.renewMs ?? 60_000);
    timer.unref();
    return {
      check() {
        if (!held) throw new LeaseLost();
      },
      stop: () => clearInterval(timer),
    };
  }

  return { hold };
}

class LeaseLost extends Error {
  constructor() {
    super('the meeting lease was lost');
  }
}
