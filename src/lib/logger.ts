import { pino, type Logger } from 'pino';

/** Structured JSON logs, one line per event and per agent turn. */
export function createLogger(level: string): Logger {
  return pino({ level, base: { service: 'marketing-department' } });
}
