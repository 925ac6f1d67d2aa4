import type { Logger } from 'pino';
import { isPostFailure } from '../agents/ports.js';
import type { Department } from '../department/schema.js';
import { errorLine } from '../lib/error-line.js';
import { ConfigError } from '../lib/errors.js';
import { ModelError } from '../llm/model-error.js';
import type { Db } from '../store/database.js';
import type { MeetingKind } from './meeting-kinds.js';
import { startMeetingSchedule, type DueMeeting, type MeetingSchedule } from './meeting-schedule.js';
import { localDateOf } from './meeting-times.js';
import { MeetingStore, type MeetingRow } from './meeting-store.js';
import { missedMeetings } from './missed-meetings.js';

export interface Meetings {
  store: MeetingStore;
  /** From now on this process holds meetings (it runs agent turns): the schedule (when `schedule`), what it missed today, and meetings whose process died. */
  holdWith(hold: (meeting: MeetingRow) => Promise<void>, opts: { schedule: boolean }): void;
  /** A person's /dept standup (or weekly …): today's meeting of that kind, new or already on record. `queued`: this process does not hold meetings; a worker's sweep takes it within SWEEP_MS. */
  request(kind: MeetingKind, userId: string): Promise<{ started: MeetingRow; queued: boolean } | { taken: MeetingRow } | { error: string }>;
  stop(): Promise<void>;
}

/** Meetings whose process died, or asked for in a web process, are looked for this often (their lease has run out). */
export const SWEEP_MS = 15_000;

/** Takeovers of one meeting by one process before it gives up on it: each one pays for the model calls not yet posted again. */
export const MAX_TAKEOVERS = 3;

/** An error that holding the meeting again would only repeat: a setting, a model refusing the request, Slack refusing the post. */
const repeats = (err: unknown) => err instanceof ConfigError || (err instanceof ModelError && !err.retryable) || (isPostFailure(err) && !err.transient);

/**
 * The meetings of a process. One that runs agent turns holds them (holdWith): it keeps the
 * schedule, runs what it missed earlier today, and takes over meetings whose process died. One
 * that only answers Slack (the web role) records a person's request with a lapsed lease, so a
 * worker's sweep takes it at once. Either way the (kind, day) row decides: each meeting happens once.
 */
export function startMeetings(deps: { db: Db; department: Department; logger: Logger; sweepMs?: number }): Meetings {
  const store = new MeetingStore(deps.db);
  const log = deps.logger.child({ component: 'meetings' });
  const { department } = deps;
  let hold: ((meeting: MeetingRow) => Promise<void>) | undefined;
  const running = new Set<Promise<void>>();
  const inBackground = (meeting: MeetingRow) => {
    if (!hold) return;
    const p = hold(meeting)
      .catch(async (err: unknown) => {
        log.error({ err: errorLine(err), meeting: meeting.id }, 'meeting failed');
        // Otherwise left running: a sweep takes it over once its lease runs out and goes on from where it stopped.
        if (repeats(err)) await store.fail(meeting.id, `failed: ${errorLine(err)}`);
      })
      .catch((err: unknown) => log.warn({ err: errorLine(err), meeting: meeting.id }, 'could not record the meeting as failed'))
      .finally(() => running.delete(p));
    running.add(p);
  };
  const leadOf = (kind: string) => department.file.meetings[kind]?.lead ?? department.file.front_desk;

  const onDue = async (due: DueMeeting) => {
    const claimed = await store.claim({ kind: due.kind, localDate: due.localDate, trigger: due.trigger, lead: due.lead, scheduledFor: due.scheduledFor });
    if (!('taken' in claimed)) inBackground(claimed);
  };

  let schedule: MeetingSchedule | undefined;
  let sweeper: NodeJS.Timeout | undefined;
  const startHolding = (opts: { schedule: boolean }) => {
    if (opts.schedule) {
      schedule = startMeetingSchedule({ department: department.file, onDue, logger: log });
      void (async () => {
        const missed = missedMeetings(department.file, new Date());
        for (const s of missed.skip) await store.skip(s);
        for (const due of missed.catchUp) await onDue(due);
      })().catch((err: unknown) => log.warn({ err: errorLine(err) }, 'could not look for missed meetings'));
    }
    let sweeping = false;
    // Counted in this process only (a row has no attempt count): with several workers the cap is per worker; the day check bounds it anyway.
    const takeovers = new Map<string, number>();
    sweeper = setInterval(() => {
      if (sweeping) return;
      sweeping = true;
      void (async () => {
        const today = localDateOf(new Date(), department.file.timezone);
        for (const m of await store.lapsed()) {
          const taken = await store.takeOver(m.id);
          if (!taken) continue;
          // Taken first, so only one process decides. A meeting about another day is no use any more.
          if (taken.localDate !== today) {
            await store.fail(taken.id, 'not finished on its day');
            continue;
          }
          const n = (takeovers.get(taken.id) ?? 0) + 1;
          takeovers.set(taken.id, n);
          if (n > MAX_TAKEOVERS) {
            await store.fail(taken.id, `not finished after ${MAX_TAKEOVERS} takeovers`);
            takeovers.delete(taken.id);
            continue;
          }
          inBackground(taken);
        }
      })()
        .catch((err: unknown) => log.warn({ err: errorLine(err) }, 'meeting sweep failed'))
        .finally(() => (sweeping = false));
    }, deps.sweepMs ?? SWEEP_MS);
    sweeper.unref();
  };

  return {
    store,
    holdWith(h, opts) {
      hold = h;
      startHolding(opts);
    },
    async request(kind, userId) {
      const lead = leadOf(kind);
      if (!department.byId.has(lead)) return { error: `This department has no lead for the ${kind.replace(/_/g, ' ')} (meetings.${kind}.lead in manifests/department.yml).` };
      const localDate = localDateOf(new Date(), department.file.timezone);
      // Without a runner here, the lease starts lapsed: the first worker to sweep takes the meeting.
      const claimed = await store.claim({ kind, localDate, trigger: 'command', lead, startedBy: userId, ...(hold ? {} : { leaseMs: 0 }) });
      if ('taken' in claimed) return claimed;
      inBackground(claimed);
      return { started: claimed, queued: !hold };
    },
    async stop() {
      schedule?.stop();
      clearInterval(sweeper);
      await Promise.allSettled([...running]);
    },
  };
}
