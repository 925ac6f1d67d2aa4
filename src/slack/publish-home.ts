import type { webApi } from '@slack/bolt';
import type { Department } from '../department/schema.js';
import type { WorkStore } from '../store/work-store.js';
import type { ApprovalDesk } from './approval-desk.js';
import { cardsFor, HOME_MAX_BLOCKS } from './blocks/approval-list.js';
import { HOME_RECENT, homeView } from './blocks/home.js';
import type { PublicationStore } from '../store/publication-store.js';
import { pendingApprovals } from './pending-approvals.js';

export interface HomeDeps {
  department: Department;
  work: WorkStore;
  desk: ApprovalDesk;
  /** The library, for the tab's latest publications. */
  publications?: PublicationStore | undefined;
}

/**
 * Publishes `userId`'s Home tab from the records as they are now: on opening the tab, and after a
 * click on one of its cards, so a decided request leaves the list. `notice` heads the tab once.
 */
export async function publishHome(client: webApi.WebClient, deps: HomeDeps, userId: string, notice?: string): Promise<void> {
  const cards = deps.desk.approvers.may(userId) ? cardsFor(HOME_MAX_BLOCKS) : 0;
  const [approvals, tasks, decisions, published] = await Promise.all([
    pendingApprovals(deps, userId, cards),
    deps.work.openTasks(),
    deps.work.searchDecisions('', HOME_RECENT),
    deps.publications?.latest('', HOME_RECENT) ?? Promise.resolve([]),
  ]);
  await client.views.publish({ user_id: userId, view: homeView(deps.department, { approvals, tasks, notice, decisions, published }) });
}
