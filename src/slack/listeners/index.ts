import type { App } from '@slack/bolt';
import type { Ingest } from '../ingest.js';
import { registerEvents } from './events/index.js';

export interface ListenerDeps {
  ingest: Ingest;
}

/** Registers every Slack surface the app answers (events today; commands, actions and App Home join here). */
export function registerListeners(app: App, deps: ListenerDeps): void {
  registerEvents(app, deps);
}
