import type { App } from '@slack/bolt';
import type { Department } from '../../../department/schema.js';
import { DEPT_COMMAND } from '../../action-ids.js';
import type { PublicationStore } from '../../../store/publication-store.js';
import type { WorkStore } from '../../../store/work-store.js';
import type { ApprovalDesk } from '../../approval-desk.js';
import type { AgentThreads } from '../../start-agent-thread.js';
import type { Meetings } from '../../../meetings/start-meetings.js';
import type { KnowledgeBase } from '../../../knowledge/knowledge-base.js';
import { deptCommand } from './dept.js';

export function registerCommands(app: App, deps: { department: Department; threads: AgentThreads; work: WorkStore; desk: ApprovalDesk; publications: PublicationStore; meetings?: Meetings | undefined; knowledge?: KnowledgeBase | undefined }): void {
  app.command(DEPT_COMMAND, deptCommand(deps));
}
