import { errorLine } from './error-line.js';
import { ConfigError } from './errors.js';

/** The ports and host start-up may fail to listen on, to name the variable that chose them. */
export interface ListenSettings {
  PORT: number;
  LOCAL_WORKSPACE_PORT: number;
  LOCAL_WORKSPACE_HOST: string;
}

/**
 * Why the department did not start, as the one line the terminal shows: what is wrong and what to
 * change. A ConfigError already says both; a port or address that cannot be listened on is named
 * with its variable; anything else is its innermost cause in one line (never a stack).
 */
export function startupFailureLine(err: unknown, settings?: ListenSettings): string {
  if (err instanceof ConfigError) return `Cannot start the marketing department: ${oneLine(err.message)}`;
  const specific = listenFailure(err, settings) ?? dataDirFailure(err);
  if (specific) return `Cannot start the marketing department: ${specific}`;
  return `The marketing department failed to start: ${errorLine(err)}. Run with LOG_LEVEL=debug for details.`;
}

/** Several problems (one per line) become one line, separated by semicolons. */
function oneLine(message: string): string {
  return message
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .join('; ')
    .replace(/:;/g, ':');
}

function listenFailure(err: unknown, s: ListenSettings | undefined): string | undefined {
  const e = err as { code?: unknown; syscall?: unknown; port?: unknown; address?: unknown } | null;
  if (!e || e.syscall !== 'listen') return undefined;
  const port = typeof e.port === 'number' ? e.port : undefined;
  const variable = port !== undefined && s && port === s.LOCAL_WORKSPACE_PORT && port !== s.PORT ? 'LOCAL_WORKSPACE_PORT' : 'PORT';
  switch (e.code) {
    case 'EADDRINUSE':
      return `port ${port} is already in use (is the department already running?): stop what uses it, or set ${variable} to a free port.`;
    case 'EACCES':
      return `port ${port} needs privileges this process does not have: set ${variable} to a port above 1023.`;
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
      return `LOCAL_WORKSPACE_HOST=${String(e.address ?? s?.LOCAL_WORKSPACE_HOST)} is not an address of this machine: use 127.0.0.1, or 0.0.0.0 to listen on every interface.`;
    default:
      return undefined;
  }
}

/** The embedded database could not be created or opened where DATA_DIR points. */
function dataDirFailure(err: unknown): string | undefined {
  const e = err as { code?: unknown; path?: unknown } | null;
  if (!e || typeof e.path !== 'string' || !['EACCES', 'EPERM', 'EROFS', 'ENOTDIR', 'ENOSPC'].includes(String(e.code))) return undefined;
  return `cannot write ${e.path} (${String(e.code)}): set DATA_DIR to a writable directory, or DATABASE_URL to use PostgreSQL.`;
}
