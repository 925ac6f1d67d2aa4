import type { PublicationRow } from '../store/publication-store.js';

/** Where a publication went, as recorded: the library, and the webhook's answer when it was sent. */
export function whereItWent(publication: PublicationRow): string {
  if (publication.webhookStatus === 'sent') return `the department's library and your publishing webhook (${publication.webhookDetail})`;
  if (publication.webhookStatus === 'failed') return `the department's library only; the publishing webhook failed: ${publication.webhookDetail}`;
  return "the department's library";
}
