import type { AllMiddlewareArgs, SlackViewMiddlewareArgs } from '@slack/bolt';
import type { Logger } from 'pino';
import { BlockIds } from '../../action-ids.js';
import { whyNotDecidedPlain } from '../../approval-replies.js';
import type { DecisionFollowUps } from '../../decision-follow-up.js';
import { publishHome, type HomeDeps } from '../../publish-home.js';
import { decidedNotice } from '../../refresh-approval-list.js';

/**
 * Which request a modal decides: its private_metadata, as the button that opened it wrote it.
 * `home`: the card sat on the person's Home tab, which is published again once decided.
 */
export type ModalTarget = { kind: 'approval' | 'escalation'; id: string; home?: boolean };

export function modalMetadata(target: ModalTarget): string {
  return JSON.stringify({ [target.kind === 'approval' ? 'requestId' : 'escalationId']: target.id, ...(target.home ? { home: true } : {}) });
}

function parseMetadata(raw: string): ModalTarget | null {
  try {
    const m = JSON.parse(raw) as { requestId?: unknown; escalationId?: unknown; home?: unknown } | null;
    const home = m?.home === true ? { home: true } : {};
    if (typeof m?.requestId === 'string') return { kind: 'approval', id: m.requestId, ...home };
    if (typeof m?.escalationId === 'string') return { kind: 'escalation', id: m.escalationId, ...home };
    return null;
  } catch {
    return null;
  }
}

type ViewArgs = SlackViewMiddlewareArgs & AllMiddlewareArgs;
interface SubmitDeps extends HomeDeps {
  followUps: DecisionFollowUps;
  logger: Logger;
}

/**
 * A modal's text decides a request once: Request changes (approvals and escalations) or Give
 * instructions (escalations). A refusal keeps the modal open with the reason and the text in it:
 * nothing typed is lost.
 */
const submitText =
  (deps: SubmitDeps, blockId: string, state: 'changes_requested' | 'instructed', emptyError: string) =>
  async ({ ack, view, body, client }: ViewArgs) => {
    const typed: unknown = view.state.values[blockId]?.value?.value;
    const text = typeof typed === 'string' ? typed.trim() : '';
    const target = parseMetadata(view.private_metadata);
    if (!text) {
      await ack({ response_action: 'errors', errors: { [blockId]: emptyError } });
      return;
    }
    if (!target || (state === 'instructed' && target.kind !== 'escalation')) {
      await ack({ response_action: 'errors', errors: { [blockId]: 'This form is out of date: close it and click the button on the card again.' } });
      return;
    }
    const by = body.user.id;
    const result =
      target.kind === 'approval' && state === 'changes_requested'
        ? await deps.desk.decide({ requestId: target.id, state, by, comment: text })
        : await deps.desk.answerEscalation({ escalationId: target.id, state, by, comment: text });
    if (!result.ok) {
      await ack({ response_action: 'errors', errors: { [blockId]: whyNotDecidedPlain(result, deps.desk) } });
      if (target.home) await publishHome(client, deps, by); // a stale card leaves the tab
      return;
    }
    await ack();
    deps.logger.info({ [target.kind]: target.id, state, by }, `${target.kind} answered from a modal`);
    if (target.home && 'decidedBy' in result.record) await publishHome(client, deps, by, decidedNotice(result.record));
    await deps.followUps.after(target.kind, target.id, result.followUp);
  };

export const changesSubmit = (deps: SubmitDeps) => submitText(deps, BlockIds.comment, 'changes_requested', 'Say what should change.');
export const instructionsSubmit = (deps: SubmitDeps) => submitText(deps, BlockIds.instructions, 'instructed', 'Say what the department should do.');
