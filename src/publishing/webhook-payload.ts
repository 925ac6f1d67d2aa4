import type { PublicationRow } from '../store/publication-store.js';

/** The JSON a publishing webhook receives (documented in the README, "Publishing"). */
export function webhookPayload(publication: PublicationRow) {
  return {
    event: 'deliverable.published' as const,
    publication_id: publication.id,
    deliverable_id: publication.deliverableId,
    version: publication.version,
    title: publication.title,
    content_type: publication.contentType,
    content: publication.content,
    author: publication.author,
    approved_by: publication.approvedBy,
    published_at: publication.publishedAt.toISOString(),
  };
}
