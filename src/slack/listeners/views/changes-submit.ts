import type { AllMiddlewareArgs, SlackViewMiddlewareArgs } from '@slack/bolt';
import type { Logger } from 'pino';
import { BlockIds } from '../../action-ids.js';
import { updateDecidedCard, whyNotDecided } from '../../approval-replies.js';
import { publishHome, type HomeDeps } from '../../publish-home.js';
import { decidedNotice } from '../../refresh-approval-list.js';

interface ChangesMetadata {
  requestId: string;
  card?: { channel: string; ts: string };
  /** The card sat on the person's Home tab, which is published again once decided. */
  home?: boolean;
}

function parseMetadata(raw: string): ChangesMetadata | null {
  try {
    const m = JSON.parse(raw) as Partial<ChangesMetadata>;
    if (typeof m.requestId !== 'string') return null;
    return { requestId: m.requestId, ...(m.card && typeof m.card.channel === 'string' && typeof m.card.ts === 'string' ? { card: m.card } : {}), ...(m.home === true ? { home: true } : {}) };
  } catch {
    return null;
  }
}

/** The Request changes modal's submit: an approver's comment decides the request once, and the card shows it. */
export const changesSubmit =
  (deps: HomeDeps & { logger: Logger }) =>
  async ({ ack, view, body, client }: SlackViewMiddlewareArgs & AllMiddlewareArgs) => {
    const typed: unknown = view.state.values[BlockIds.comment]?.value?.value;
    const comment = typeof typed === 'string' ? typed.trim() : '';
    const metadata = parseMetadata(view.private_metadata);
    if (!comment) {
      await ack({ response_action: 'errors', errors: { [BlockIds.comment]: 'Say what should change.' } });
      return;
    }
    if (!metadata) {
      await ack({ response_action: 'errors', errors: { [BlockIds.comment]: 'This form is out of date: close it and click Request changes on the card again.' } });
      return;
    }
    const result = await deps.desk.decide({ requestId: metadata.requestId, state: 'changes_requested', by: body.user.id, comment });
    if (!result.ok) {
      // The modal stays open with the reason, and the comment in it: nothing typed is lost.
      await ack({ response_action: 'errors', errors: { [BlockIds.comment]: whyNotDecided(result, deps.desk).replace(/<@(\w+)>/g, '@$1').replace(/<!date\^\d+\^[^|]*\|([^>]*)>/g, '$1') } });
      if (metadata.home) await publishHome(client, deps, body.user.id); // a stale card leaves the tab
      return;
    }
    await ack();
    deps.logger.info({ request: metadata.requestId, by: body.user.id }, 'approval request sent back for changes');
    if (metadata.card) await updateDecidedCard(client, deps.desk, metadata.card, result.record);
    if (metadata.home) await publishHome(client, deps, body.user.id, decidedNotice(result.record));
  };
