import type { PublicationRow } from '../store/publication-store.js';
import type { PublishResult } from './publisher.js';

export interface ResultContext {
  /** "#marketing-published". */
  channel: string;
  /** PUBLISH_WEBHOOK_URL is set. */
  webhookConfigured: boolean;
  /** Why this call could not announce it (not recorded: a later call tries again). */
  announceError?: string | undefined;
}

/**
 * The result as recorded, so a second call says what the first did. The sentence names only the
 * places that took the publication: no website, LinkedIn or anything else unless it answered.
 */
export function publishResult(publication: PublicationRow, ctx: ResultContext): PublishResult {
  const sent = publication.webhookStatus === 'sent';
  return {
    publicationId: publication.id,
    where: sent ? ['library', 'webhook'] : ['library'],
    said: `${libraryClause(publication, ctx)}${webhookClause(publication, ctx)}${announcementNote(publication, ctx)}`,
    ...(publication.announceTs ? { libraryTs: publication.announceTs } : {}),
  };
}

function libraryClause(p: PublicationRow, ctx: ResultContext): string {
  return p.announceTs ? `Published to the department's library and announced in ${ctx.channel}` : "Published to the department's library";
}

/** Why it is not announced (yet), after the rest: Slack's reason can be a sentence of its own. */
function announcementNote(p: PublicationRow, ctx: ResultContext): string {
  if (p.announceTs) return '';
  if (ctx.announceError) return ` It could not be announced in ${ctx.channel}: ${ctx.announceError.replace(/\.?$/, '.')}`;
  return ` Its announcement in ${ctx.channel} is on its way.`;
}

function webhookClause(p: PublicationRow, ctx: ResultContext): string {
  if (p.webhookStatus === 'sent') return `, and sent to your publishing webhook (${p.webhookDetail}).`;
  if (p.webhookStatus === 'failed') return `. Sending it to your publishing webhook failed: ${p.webhookDetail}. The publication is kept in the library.`;
  if (!ctx.webhookConfigured) return '; no website is connected.';
  if (p.rehearsal) return '. It is rehearsal content (offline model), so it was not sent to your publishing webhook.';
  return '. Sending it to your publishing webhook is under way.';
}
