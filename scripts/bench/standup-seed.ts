import type { Department } from '../../src/department/schema.js';
import type { Db } from '../../src/store/database.js';
import { WorkStore } from '../../src/store/work-store.js';

export interface SeededWork {
  tasks: number;
  blocked: number;
  awaitingApproval: number;
}

/**
 * An ordinary day's records, so the updates have something to say: every agent has a task done
 * and one in progress (asked for by its manager), every third agent one blocked, and the writers
 * a draft waiting for approval.
 */
export async function seedOrdinaryDay(db: Db, department: Department): Promise<SeededWork> {
  const work = new WorkStore(db);
  const seeded: SeededWork = { tasks: 0, blocked: 0, awaitingApproval: 0 };
  for (const [i, agent] of department.agents.entries()) {
    const requester = agent.reports_to === 'human' ? agent.id : agent.reports_to;
    const task = async (title: string, status: 'done' | 'in_progress' | 'blocked', dueDate?: string) => {
      const row = await work.createTask({ title, assignee: agent.id, requester, ...(dueDate ? { dueDate } : {}) });
      await work.moveTask(row.id, { status }, agent.id);
      seeded.tasks++;
    };
    await task(`${agent.title}: weekly numbers for the launch review`, 'done');
    await task(`${agent.title}: plan for the spring campaign`, 'in_progress', '2099-03-31');
    if (i % 3 === 0) {
      await task(`${agent.title}: brief waiting on the product team`, 'blocked');
      seeded.blocked++;
    }
  }
  for (const author of ['copywriter', 'email_specialist'].filter((id) => department.byId.has(id))) {
    const draft = await work.submitDeliverable({ contentType: 'blog_post', title: `Customer stories that convert (${author})`, author, content: 'v1' });
    if (!draft) continue;
    await work.requestApproval({ deliverableId: draft.deliverableId, version: draft.version, summary: 'Publish it', requestedBy: author, autonomyLevel: 'L3' });
    seeded.awaitingApproval++;
  }
  return seeded;
}
