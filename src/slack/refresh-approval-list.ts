import type { BlockButtonAction, RespondFn, webApi } from '@slack/bolt';
import type { ApprovalRow } from '../store/work-store.js';
import { approvalsReply } from './approvals-reply.js';
import { publishHome, type HomeDeps } from './publish-home.js';
import { literalText } from './text.js';

/** A card on someone's App Home tab (a view container), not in a channel. */
export const clickedOnHome = (body: BlockButtonAction): boolean => body.container?.type === 'view' && body.view?.type === 'home';

/** A card in /dept approvals' private reply: chat.update cannot reach an ephemeral message, its response_url can. */
export const clickedInPrivateList = (body: BlockButtonAction): boolean => body.container?.type === 'message' && body.container.is_ephemeral === true;

const DONE: Record<string, string> = { approved: ':white_check_mark: Approved', changes_requested: ':pencil2: Sent back for changes', rejected: ':x: Rejected' };

/** What a decision made from a list says on top of it, once. */
export const decidedNotice = (r: ApprovalRow): string => `${DONE[r.state] ?? r.state}: ${literalText(r.summary)}`;

/**
 * After a click on a card that sat in a list (the Home tab, /dept approvals), shows that list again
 * as the records are now, so a decided request leaves it; `notice` heads it. A channel's card is
 * not a list: the caller updates it in place.
 */
export async function refreshApprovalList(
  args: { body: BlockButtonAction; client: webApi.WebClient; respond?: RespondFn | undefined },
  deps: HomeDeps,
  notice?: string,
): Promise<void> {
  const { body, client, respond } = args;
  if (clickedOnHome(body)) await publishHome(client, deps, body.user.id, notice);
  else if (clickedInPrivateList(body) && respond) await respond({ replace_original: true, ...(await approvalsReply(deps, body.user.id, notice)) });
}
