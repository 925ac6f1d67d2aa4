import type { Logger } from 'pino';
import type { ThreadPoster } from '../agents/ports.js';
import type { Bus } from '../bus/bus.js';
import type { Department } from '../department/schema.js';
import { errorLine } from '../lib/error-line.js';
import { newId } from '../store/ids.js';
import type { Store } from '../store/store.js';
import type { CardKind } from '../store/work-schema.js';
import type { DecisionFollowUp, WorkStore } from '../store/work-store.js';
import type { SlackGateway } from './gateway.js';

export interface DecisionFollowUps {
  /** Everything Slack shows once a person decided a request. */
  after(kind: Exclude<CardKind, 'decision'>, refId: string, followUp: DecisionFollowUp): Promise<void>;
  /** Brings a request's cards up to date (a click on a card still showing buttons for a decided request). */
  refresh(kind: Exclude<CardKind, 'decision'>, refId: string): Promise<void>;
}

/**
 * What Slack shows once a person decided (the decision itself is already recorded, and the author
 * already has its delivery): every card of the request shows the outcome (chat.update by whoever
 * posted it), the thread gets the author's message, the decisions channel the decision, and the
 * author's turn is published. Each step is logged and the next one still runs; a delivery the bus
 * did not take is published by the sweeper.
 */
export function createDecisionFollowUp(deps: {
  gateway: Pick<SlackGateway, 'refreshCard'> & Pick<ThreadPoster, 'postNotice' | 'postCard'>;
  work: Pick<WorkStore, 'postedCards'>;
  store: Pick<Store, 'stampMessage'>;
  bus: Pick<Bus, 'publish'>;
  department: Department;
  logger: Logger;
  /** Moves the workflow run that asked (it waits for this decision). */
  driveWorkflow?: (runId: string) => Promise<void>;
}): DecisionFollowUps {
  const log = deps.logger.child({ component: 'decision-follow-up' });
  const attempt = async (what: string, step: () => Promise<unknown>) => {
    try {
      await step();
    } catch (err) {
      log.warn({ error: errorLine(err) }, `after a decision: could not ${what}`);
    }
  };
  const refresh: DecisionFollowUps['refresh'] = async (kind, refId) => {
    for (const card of await deps.work.postedCards(refId)) {
      await attempt('update a card', () => deps.gateway.refreshCard({ kind, refId, agentId: card.agentId, channelId: card.channelId!, ts: card.ts! }));
    }
  };
  const after: DecisionFollowUps['after'] = async (kind, refId, f) => {
    await refresh(kind, refId);
    if (f.thread) {
      const thread = f.thread;
      await attempt('post the decision in its thread', async () => {
        const { ts } = await deps.gateway.postNotice({ ...thread, text: f.text });
        await deps.store.stampMessage(f.messageId, ts);
      });
    }
    const decisions = `#${deps.department.file.channels.decisions}`;
    await attempt(`post the decision in ${decisions}`, () => deps.gateway.postCard({ cardId: newId('card'), kind: 'decision', refId: f.decisionId, agentId: null, channel: decisions, threadTs: null }));
    if (f.deliveryId) await attempt('publish the author\'s turn (the sweeper will)', () => deps.bus.publish([f.deliveryId!]));
    if (f.workflowRunId && deps.driveWorkflow) await attempt('resume its workflow (the sweeper will)', () => deps.driveWorkflow!(f.workflowRunId!));
  };
  return { after, refresh };
}
