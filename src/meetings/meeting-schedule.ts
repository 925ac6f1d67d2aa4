import cron from 'node-cron';
import type { Logger } from 'pino';
import type { DepartmentFile } from '../department/schema.js';
import { ConfigError } from '../lib/errors.js';
import type { MeetingTrigger } from './meeting-store.js';
import { localDateOf } from './meeting-times.js';

/** A meeting that is to take place now. */
export interface DueMeeting {
  kind: string;
  /** The day it is for, in the department's time zone. */
  localDate: string;
  /** The schedule's fire time (not the moment it was noticed). */
  scheduledFor: Date;
  lead: string;
  trigger: Extract<MeetingTrigger, 'schedule' | 'catch_up'>;
}

export interface MeetingSchedule {
  stop(): void;
}

/*
 * A fire time noticed late (an event loop stalled, a laptop asleep) counts as missed after this.
 * node-cron's default is one second, which would silently drop a meeting after a long GC pause.
 */
const ON_TIME_MS = 60_000;

/**
 * One node-cron job per meeting of the department, in its time zone. Every process runs the same
 * schedule; onDue claims the meeting, so only one process holds it. A fire time missed earlier
 * the same day is still due (as a catch-up); one missed on an earlier day is left to start-up's
 * missedMeetings. onDue's failures are logged, never thrown into node-cron.
 */
export function startMeetingSchedule(opts: {
  department: Pick<DepartmentFile, 'timezone' | 'meetings'>;
  onDue: (meeting: DueMeeting) => Promise<void> | void;
  logger: Logger;
}): MeetingSchedule {
  const { department, onDue, logger } = opts;
  const timezone = department.timezone;
  checkTimezone(timezone);
  const due = (meeting: DueMeeting) => {
    logger.info({ meeting: meeting.kind, localDate: meeting.localDate, trigger: meeting.trigger }, 'meeting due');
    Promise.resolve()
      .then(() => onDue(meeting))
      .catch((err: unknown) => logger.error({ err, meeting: meeting.kind, localDate: meeting.localDate }, 'meeting could not start'));
  };

  const tasks = Object.entries(department.meetings).map(([kind, meeting]) => {
    if (!cron.validate(meeting.cron)) {
      throw new ConfigError(`manifests/department.yml: meetings.${kind}.cron "${meeting.cron}" is not a cron expression (minute hour day-of-month month day-of-week).`);
    }
    const at = (scheduledFor: Date, trigger: DueMeeting['trigger']): DueMeeting => ({
      kind,
      localDate: localDateOf(scheduledFor, timezone),
      scheduledFor,
      lead: meeting.lead,
      trigger,
    });
    const task = cron.schedule(meeting.cron, (ctx) => due(at(ctx.date, 'schedule')), {
      name: `meeting:${kind}`,
      timezone,
      missedExecutionTolerance: ON_TIME_MS,
      logger: cronLogger(logger, kind),
    });
    task.on('execution:missed', (ctx) => {
      const late = at(ctx.date, 'catch_up');
      if (late.localDate === localDateOf(new Date(), timezone)) due(late);
      else logger.warn({ meeting: kind, localDate: late.localDate }, 'meeting missed on an earlier day; the next start-up records it as skipped');
    });
    return task;
  });

  return {
    stop() {
      for (const task of tasks) void task.destroy();
    },
  };
}

function checkTimezone(timezone: string): void {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: timezone });
  } catch {
    throw new ConfigError(`manifests/department.yml: timezone "${timezone}" is not an IANA time zone (like America/New_York).`);
  }
}

/** node-cron's own messages, into the department's log. */
function cronLogger(logger: Logger, kind: string) {
  const log = logger.child({ meeting: kind, component: 'node-cron' });
  return {
    info: (message: string) => log.debug(message),
    warn: (message: string) => log.warn(message),
    error: (message: string | Error, err?: Error) => log.error({ err: err ?? message }, typeof message === 'string' ? message : 'node-cron error'),
    debug: (message: string | Error) => log.debug(String(message)),
  };
}
