import { pino } from 'pino';
import { createAgentRuntime, type RuntimeDeps } from '../../src/agents/runtime.js';
import { systemPromptFor } from '../../src/department/org-context.js';
import type { Department } from '../../src/department/schema.js';
import type { ChatModel } from '../../src/llm/model.js';
import type { Store } from '../../src/store/store.js';
import type { TestDatabase } from './database.js';
import { RecordingBus } from './recording-bus.js';
import { RecordingPoster } from './recording-poster.js';
import { RecordingReader } from './recording-reader.js';
import { ScriptedModel, type Script } from './scripted-model.js';

/** Threads and messages of every harness in a test process: their Slack ts (and event ids) never repeat. */
let thread = 0;
let reply = 0;

/** The agent runtime on a test database, with a recording bus, poster and thread reader and a scripted (or given) model. */
export function runtimeHarness(t: TestDatabase, department: Department) {
  function setup(script: Script | ChatModel, opts: { claimLeaseMs?: number; claimRenewMs?: number; store?: Store; backfillWaitMs?: number; work?: RuntimeDeps['work']; afterTurn?: RuntimeDeps['afterTurn'] } = {}) {
    const bus = new RecordingBus();
    const poster = new RecordingPoster();
    const reader = new RecordingReader();
    const model = typeof script === 'function' ? new ScriptedModel(script) : script;
    const runtime = createAgentRuntime({
      department,
      store: opts.store ?? t.store,
      bus,
      poster,
      reader,
      model,
      logger: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
      systemPrompt: (id) => systemPromptFor(department, id),
      ...(opts.claimLeaseMs ? { claimLeaseMs: opts.claimLeaseMs } : {}),
      ...(opts.claimRenewMs ? { claimRenewMs: opts.claimRenewMs } : {}),
      ...(opts.backfillWaitMs ? { backfillWaitMs: opts.backfillWaitMs } : {}),
      ...(opts.work ? { work: opts.work } : {}),
      ...(opts.afterTurn ? { afterTurn: opts.afterTurn } : {}),
    });
    /** Runs every published delivery until the thread goes quiet (or a safety cap). */
    const settle = async () => {
      for (let i = 0; i < 100; i++) {
        const ids = bus.drain();
        if (ids.length === 0) return;
        for (const id of ids) await runtime.handleDelivery(id);
      }
      throw new Error('thread never settled');
    };
    return { bus, poster, reader, model, runtime, settle };
  }

  /** A person's message in a new thread, addressed to `targets`. */
  async function ask(targets: string[], text = 'Please help', channelId = 'C0CONTENT') {
    const ts = `${1_800_000_000 + ++thread}.000001`;
    const r = await t.store.ingestHumanMessage({ eventId: `Ev${process.pid}-${ts}`, eventType: 'app_mention', channelId, threadTs: ts, ts, slackUserId: 'U0HUMAN', text, targets });
    if (r.duplicate) throw new Error('duplicate');
    return { ...r, threadTs: ts };
  }

  /** A person's reply in an existing thread, addressed to `targets`. */
  async function replyIn(threadTs: string, targets: string[], text: string, channelId = 'C0CONTENT') {
    const ts = `${threadTs.split('.')[0]}.${String(100 + ++reply).padStart(6, '0')}`;
    const r = await t.store.ingestHumanMessage({ eventId: `Ev${process.pid}-${ts}`, eventType: 'message', channelId, threadTs, ts, slackUserId: 'U0HUMAN', text, targets });
    if (r.duplicate) throw new Error('duplicate');
    return r;
  }

  return { setup, ask, replyIn, nextThread: () => ++thread };
}
