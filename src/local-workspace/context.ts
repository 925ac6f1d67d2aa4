import type { Logger } from 'pino';
import type { Db } from '../store/database.js';
import type { Directory } from './data/directory.js';
import type { AppLink } from './delivery/app-link.js';
import type { LiveHub } from './live/hub.js';
import type { AgentEntry, WorkspaceGuide } from './options.js';
import type { Triggers } from './triggers.js';
import type { TsClock } from './ts-clock.js';

/** Everything a request handler of the local workspace needs, built once at start. */
export interface Ctx {
  db: Db;
  dir: Directory;
  clock: TsClock;
  hub: LiveHub;
  app: AppLink;
  triggers: Triggers;
  logger: Logger;
  agents: AgentEntry[];
  commands: string[];
  guide: WorkspaceGuide;
  /** This server's own URL with a trailing slash (known once it listens). */
  base: string;
  /** Bound to a loopback address: the page's endpoints then insist on a loopback Host. */
  loopbackOnly: boolean;
}
