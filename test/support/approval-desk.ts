import type { DecisionFollowUps } from '../../src/slack/decision-follow-up.js';
import { Approvers } from '../../src/department/approvers.js';
import type { Department } from '../../src/department/schema.js';
import { ApprovalDesk } from '../../src/slack/approval-desk.js';
import type { Db } from '../../src/store/database.js';
import { WorkStore } from '../../src/store/work-store.js';

/** The approval desk of a test app; without a database for tests that never click a card. */
export function testDesk(department: Department, db?: Db, approvers: string[] = []): ApprovalDesk {
  return new ApprovalDesk({ work: db ? new WorkStore(db) : (null as never), approvers: new Approvers(approvers, []), department });
}

/** For apps whose tests never decide anything: a decision reaching it is a test bug, said loudly. */
export const noFollowUps: DecisionFollowUps = {
  after: async () => {
    throw new Error('this test app has no decision follow-ups');
  },
  refresh: async () => {
    throw new Error('this test app has no decision follow-ups');
  },
};
