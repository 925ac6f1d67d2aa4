import type { App, MessageShortcut } from '@slack/bolt';
import { CallbackIds } from '../action-ids.js';
import { rememberShortcut } from './shortcuts/remember.js';
import type { Logger } from 'pino';
import type { Department } from '../../department/schema.js';
import type { PublicationStore } from '../../store/publication-store.js';
import type { WorkStore } from '../../store/work-store.js';
import type { ApprovalDesk } from '../approval-desk.js';
import type { DecisionFollowUps } from '../decision-follow-up.js';
import type { Ingest } from '../ingest.js';
import type { AgentThreads } from '../start-agent-thread.js';
import type { Meetings } from '../../meetings/start-meetings.js';
import type { KnowledgeBase } from '../../knowledge/knowledge-base.js';
import { registerActions } from './actions/index.js';
import type { Permalink } from '../meeting-replies.js';
import { registerCommands } from './commands/index.js';
import { registerEvents } from './events/index.js';
import { registerViews } from './views/index.js';

export interface ListenerDeps {
  ingest: Ingest;
  department: Department;
  threads: AgentThreads;
  /** Approval cards' buttons: who may decide, and the records they decide. */
  desk: ApprovalDesk;
  /** What Slack shows once a person decided: cards updated, the thread told, the author's turn. */
  followUps: DecisionFollowUps;
  /** Tasks and decisions, for /dept tasks and /dept decisions. */
  work: WorkStore;
  /** The department's library, for /dept published. */
  publications: PublicationStore;
  /** /dept standup (weekly, monthly, quarterly) and /dept meetings. */
  meetings?: Meetings | undefined;
  /** Links to meeting threads (the gateway's, built from the workspace URL); without it a reply names the channel. */
  permalink?: Permalink | undefined;
  /** /dept search, remember and forget, the "Remember this" shortcut, and the Home tab's latest decisions and publications. */
  knowledge?: KnowledgeBase | undefined;
  logger: Logger;
}

/** Registers every Slack surface the app answers: events, the /dept command, buttons and modals. */
export function registerListeners(app: App, deps: ListenerDeps): void {
  registerEvents(app, deps);
  registerCommands(app, deps);
  registerActions(app, deps);
  registerViews(app, deps);
  app.shortcut<MessageShortcut>({ callback_id: CallbackIds.remember, type: 'message_action' }, rememberShortcut(deps));
}
