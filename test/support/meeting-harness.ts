import { pino } from 'pino';
import { loadDepartment } from '../../src/department/load.js';
import { systemPromptFor } from '../../src/department/org-context.js';
import type { ChatModel } from '../../src/llm/model.js';
import { RehearsalModel } from '../../src/llm/rehearsal-model.js';
import { meetingRunner } from '../../src/meetings/meeting-runner.js';
import { MeetingStore } from '../../src/meetings/meeting-store.js';
import { storeMeetingRecords } from '../../src/meetings/store-records.js';
import { InProcessChannelPacer } from '../../src/slack/channel-pacer.js';
import type { TestDatabase } from './database.js';
import { RecordingBus } from './recording-bus.js';
import { RecordingPoster } from './recording-poster.js';

export const department = loadDepartment('manifests', 'prompts');

/**
 * A meeting runner on a test database, the real department file and fact sheets, posting into a
 * RecordingPoster at a quick pace (the pace itself is tested with Slack's in its own tests), on
 * the rehearsal model unless a test gives its own.
 */
export function meetingHarness(t: TestDatabase, model: ChatModel = new RehearsalModel(department)) {
  const poster = new RecordingPoster();
  const meetings = new MeetingStore(t.store.db);
  const runner = meetingRunner({
    db: t.store.db,
    store: t.store,
    meetings,
    records: storeMeetingRecords(t.store.db, department),
    poster,
    pacer: new InProcessChannelPacer({ intervalMs: 1 }),
    bus: new RecordingBus(),
    department,
    model,
    systemPrompt: (id) => systemPromptFor(department, id),
    logger: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
  });
  const today = new Date().toISOString().slice(0, 10);
  /** Claims today's meeting of `kind` and holds it. */
  const hold = async (kind: string, lead = department.file.meetings[kind]!.lead) => {
    const claimed = await meetings.claim({ kind, localDate: today, trigger: 'command', lead, startedBy: 'U0ALEX' });
    if ('taken' in claimed) throw new Error(`${kind} already on record`);
    await runner.hold(claimed);
    return (await meetings.byId(claimed.id))!;
  };
  const byAgent = (agentId: string) => poster.posts.filter((p) => p.agentId === agentId).map((p) => p.text);
  return { poster, meetings, runner, hold, byAgent, today };
}
