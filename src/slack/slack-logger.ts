import { LogLevel, type Logger as SlackLogger } from '@slack/bolt';
import type { Logger } from 'pino';

/**
 * Bolt and the Web API client log through this adapter, so their lines land in the same
 * structured pino stream as ours (one JSON line each, with a `component` field).
 */
export function slackLogger(log: Logger, component: string): SlackLogger {
  const child = log.child({ component });
  const line = (args: unknown[]) => args.map((a) => (a instanceof Error ? a.message : typeof a === 'string' ? a : JSON.stringify(a))).join(' ');
  return {
    debug: (...args: unknown[]) => child.debug(line(args)),
    info: (...args: unknown[]) => child.info(line(args)),
    warn: (...args: unknown[]) => child.warn(line(args)),
    error: (...args: unknown[]) => child.error(line(args)),
    // LOG_LEVEL decides, not Bolt: Bolt calls setLevel('info') on any logger it is given.
    setLevel: () => {},
    getLevel: () => toSlackLevel(child.level),
    // WebClient renames its logger per instance ("web-api:WebClient:3"); the component field says enough.
    setName: () => {},
  };
}

function toSlackLevel(level: string): LogLevel {
  if (level === 'debug' || level === 'trace') return LogLevel.DEBUG;
  if (level === 'info') return LogLevel.INFO;
  if (level === 'warn') return LogLevel.WARN;
  return LogLevel.ERROR;
}
