import type { Logger } from 'pino';
import { postTurnCards } from '../agents/turn-cards.js';
import type { ThreadPoster } from '../agents/ports.js';
import type { Bus } from '../bus/bus.js';
import { autonomyFor } from '../department/autonomy.js';
import type { Department } from '../department/schema.js';
import type { Db } from '../store/database.js';
import { approvalRequests, cards, escalations, tasks } from '../store/schema.js';
import type { Store } from '../store/store.js';
import type { WorkStore } from '../store/work-store.js';
import { planText } from './plan-text.js';
import { postOnce, stableId, workflowDeliveryId } from './workflow-posts.js';
import type { WorkflowDraft, WorkflowPorts } from './workflow-ports.js';
import type { WorkflowStore } from './workflow-store.js';

/** Publishes an approved draft somewhere (the publisher port); the sentence that says where. */
export type PublishDraft = (req: WorkflowDraft & { contentType: string; author: string; approvedBy: string | null; conversationId: string; content: string; rehearsal: boolean }) => Promise<string>;

export interface EnginePortDeps {
  db: Db;
  store: Pick<Store, 'markPostedAndReserve' | 'stampMessage'>;
  work: Pick<WorkStore, 'deliveryCards' | 'reserveCard' | 'cardPosted' | 'deliverableVersion'>;
  runs: WorkflowStore;
  poster: ThreadPoster;
  bus: Pick<Bus, 'publish'>;
  department: Department;
  logger: Logger;
  publish?: PublishDraft;
}

/** Category of the escalation that human-led (L1) work becomes. */
const categoryOf = (contentType: string) => (/crisis/.test(contentType) ? 'crisis' : /legal|compliance/.test(contentType) ? 'legal_compliance' : 'strategic_decision');

/** The workflow ports on the department's records and Slack: every effect keyed by (run, step key), so a re-run finds it. */
export function enginePorts(deps: EnginePortDeps): WorkflowPorts {
  const { runs, department } = deps;
  const runOf = async (runId: string) => {
    const run = await runs.get(runId);
    if (!run) throw new Error(`workflow run ${runId} is gone`);
    return run;
  };
  const post = async (runId: string, key: string, agentId: string, text: string, mentions: string[], type: 'task_assignment' | 'status_update') => {
    const run = await runOf(runId);
    return postOnce(deps, { runId, key, conversationId: run.conversationId, channelId: run.channelId, threadTs: run.threadTs, agentId, text, mentions, type });
  };

  return {
    async plan(runId) {
      const run = await runOf(runId);
      if (run.statusTs) return; // posted before this step ran again
      // A crisis gathers all hands in the leader's own channel, in a thread of its own.
      const home = run.kind === 'crisis' ? department.byId.get(run.coordinator)?.home_channels[0] : undefined;
      const text = planText(run, department, []);
      // Looked up first: a driver that died between this post and recording the move posted it already.
      const thread = { channel: `#${home}`, key: `workflow:${runId}`, since: run.startedAt };
      const root = home ? ((await deps.poster.findThread(thread).catch(() => null)) ?? (await deps.poster.startThread({ ...thread, agentId: run.coordinator, text, unlessIn: run.channelId }))) : null;
      if (root) {
        await runs.moveToThread(runId, { ...root, threadTs: root.ts, agentId: run.coordinator, text });
        await postOnce(deps, { runId, key: 'moved', conversationId: run.conversationId, channelId: run.channelId, threadTs: run.threadTs, agentId: run.coordinator, text: `All hands: the response runs in its own thread in #${home}.`, mentions: [], type: 'status_update' });
        return;
      }
      const { ts } = await post(runId, 'plan', run.coordinator, text, [], 'status_update');
      await runs.setStatusTs(runId, ts);
    },

    async ask(runId, key, agentId, text, subject, opts = {}) {
      const run = await runOf(runId);
      const author = opts.from ?? run.coordinator;
      const step = key.split(':')[0]!;
      await runs.atStep(runId, step, agentId);
      // On record before the agent is asked: its turn reads the steps under way (parallel ones too).
      const deliveryId = workflowDeliveryId(runId, key, agentId);
      await runs.stepStarted({ runId, key, step, agentId, deliveryId });
      const type = opts.type ?? (author === run.coordinator ? 'task_assignment' : 'review_request');
      await postOnce(deps, { runId, key, conversationId: run.conversationId, channelId: run.channelId, threadTs: run.threadTs, agentId: author, text, mentions: [agentId], type, subject });
      return { kind: 'turn', deliveryId, step, key, agent: agentId };
    },

    async say(runId, key, agentId, text, mentions = []) {
      await post(runId, key, agentId, text, mentions, mentions.length > 0 ? 'task_assignment' : 'status_update');
    },

    async askPerson(runId, key, draft, summary) {
      const run = await runOf(runId);
      const level = autonomyFor(department, draft.contentType).level;
      if (level === 'L4') return null;
      const source = `wf_${runId}_${key}`;
      const human = level === 'L1';
      const refId = stableId(human ? 'esc' : 'apr', `${runId}:${key}`);
      if (human) {
        await deps.db
          .insert(escalations)
          .values({
            id: refId, level: 'human', category: categoryOf(draft.contentType), fromAgent: draft.author, toTarget: 'human',
            issue: `"${draft.title}" v${draft.version} (${draft.contentType.replace(/_/g, ' ')}) is human-led (L1): a person decides what it says. The draft is in the thread.`,
            recommendation: summary, deliverableId: draft.id, version: draft.version, workflowRunId: runId, conversationId: run.conversationId,
            // A crisis does not wait its turn.
            urgency: categoryOf(draft.contentType) === 'crisis' ? 'critical' : 'high',
          })
          .onConflictDoNothing();
      } else {
        await deps.db
          .insert(approvalRequests)
          .values({ id: refId, deliverableId: draft.id, version: draft.version, summary, requestedBy: draft.author, autonomyLevel: level, conversationId: run.conversationId, workflowRunId: runId })
          .onConflictDoNothing();
      }
      const kind = human ? ('escalation' as const) : ('approval' as const);
      const places = [
        { channel: run.channelId, threadTs: run.threadTs },
        { channel: `#${human ? department.file.channels.escalations : department.file.channels.approvals}`, threadTs: null },
      ];
      await deps.db
        .insert(cards)
        .values(places.map((p) => ({ id: stableId('card', `${source}:${p.channel}`), kind, refId, agentId: draft.author, conversationId: run.conversationId, channel: p.channel, threadTs: p.threadTs, sourceDeliveryId: source })))
        .onConflictDoNothing();
      const posted = await postTurnCards({ poster: deps.poster, work: deps.work, log: deps.logger, resuming: true, stillOwned: () => true }, await deps.work.deliveryCards(source));
      if (posted.failure) throw posted.failure;
      for (const r of posted.refused) await deps.poster.postNotice({ channelId: run.channelId, threadTs: run.threadTs, text: `:warning: The ${kind} card could not be posted in ${r.card.channel}: ${(r.error as Error).message}` }).catch(() => {});
      const step = key.split(':')[0]!;
      await runs.stepStarted({ runId, key, step, agentId: null, deliveryId: null });
      return human ? { kind: 'escalation', escalationId: refId, step, key } : { kind: 'approval', requestId: refId, step, key };
    },

    async publish(runId, draft) {
      const run = await runOf(runId);
      const version = await deps.work.deliverableVersion(draft.id, draft.version);
      if (deps.publish && version) return deps.publish({ ...draft, conversationId: run.conversationId, content: version.content, rehearsal: version.rehearsal });
      return `*${draft.title}* v${draft.version} is approved and final. No publishing destination is connected, so it stays in the department's records.`;
    },

    async createTasks(runId, key, list) {
      const run = await runOf(runId);
      await deps.db
        .insert(tasks)
        .values(list.map((t) => ({ id: stableId('task', `${runId}:${key}:${t.assignee}`), title: t.title, assignee: t.assignee, requester: t.requester, conversationId: run.conversationId, updatedBy: t.requester })))
        .onConflictDoNothing();
    },
  };
}
