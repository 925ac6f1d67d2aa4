import { slackSignatureHeaders } from '../../src/lib/slack-signature.js';
import { CARD_EVENT_TYPE } from '../../src/slack/gateway.js';
import { ActionIds, BlockIds } from '../../src/slack/action-ids.js';
import type { FakeSlackApi, SlackMessage } from './fake-slack-api.js';

export interface Approver {
  userId: string;
  eventsUrl: string;
  signingSecret: string;
  slack: FakeSlackApi;
}

let clicks = 0;

/**
 * The approval request of the workflow in thread `threadTs`, once its card is posted: the card in
 * the thread names the request (metadata ref_id); the copy in the approvals channel is the one a
 * person clicks, as in test/integration/workflows/content-workflow.test.ts.
 */
export function approvalCard(slack: FakeSlackApi, threadTs: string): { requestId: string; card: SlackMessage } | null {
  const isApproval = (m: SlackMessage) => m.metadata?.event_type === CARD_EVENT_TYPE && m.metadata.event_payload.kind === 'approval';
  const inThread = slack.posts.find((m) => isApproval(m) && m.threadTs === threadTs);
  const requestId = inThread?.metadata?.event_payload.ref_id;
  if (typeof requestId !== 'string') return null;
  const card = slack.posts.find((m) => isApproval(m) && !m.threadTs && m.metadata?.event_payload.ref_id === requestId);
  return card ? { requestId, card } : null;
}

/** Clicks Approve on the card as the approver: a signed block_actions payload, as Slack sends the click. */
export async function clickApprove(a: Approver, requestId: string, card: SlackMessage): Promise<void> {
  const n = ++clicks;
  const payload = {
    type: 'block_actions',
    user: { id: a.userId, username: 'bench-approver', name: 'bench-approver', team_id: 'T0BENCH' },
    api_app_id: 'A0BENCH',
    token: 'bench',
    trigger_id: `9.${n}.bench`,
    team: { id: 'T0BENCH', domain: 'bench' },
    container: { type: 'message', message_ts: card.ts, channel_id: card.channel, is_ephemeral: false },
    channel: { id: card.channel, name: 'dept-approvals' },
    // The department may answer the click through response_url: the fake takes it (and ignores it).
    response_url: `${a.slack.url}response/${n}`,
    actions: [{ action_id: ActionIds.approve, block_id: BlockIds.decision, value: requestId, type: 'button', action_ts: `${Math.floor(Date.now() / 1000)}.1`, text: { type: 'plain_text', text: 'Approve' } }],
  };
  const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
  const res = await fetch(a.eventsUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...slackSignatureHeaders(a.signingSecret, body) }, body });
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`the Approve click on ${requestId} was answered ${res.status}`);
}
