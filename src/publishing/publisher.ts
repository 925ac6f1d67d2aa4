/**
 * The publisher port: what happens to a deliverable once a person approved it (or at once where
 * its autonomy level is L4). The workflow engine calls it; the department's library is the
 * default adapter (src/publishing/library-publisher.ts), which also sends each publication to a
 * publishing webhook when one is configured (src/publishing/webhook-outlet.ts).
 */
export interface PublishRequest {
  deliverableId: string;
  version: number;
  title: string;
  /** blog_post, email, social_post … as in manifests/department.yml autonomy.content. */
  contentType: string;
  /** Markdown, whole. */
  content: string;
  /** Agent id of the author. */
  author: string;
  /** Slack user id of the approver; null when the autonomy level needed nobody (L4). */
  approvedBy: string | null;
  /** The thread the work came from. */
  conversationId: string;
  /** Written by the offline rehearsal model: labelled as such, and never sent outside the department. */
  rehearsal: boolean;
}

export interface PublishResult {
  publicationId: string;
  /** Where it went, e.g. ['library'] or ['library', 'webhook']; only places that took it. */
  where: string[];
  /** The honest sentence for the work's thread: where it went, and what failed. */
  said: string;
  /** The announcement's ts in the department's published channel, once Slack took it. */
  libraryTs?: string;
}

export interface Publisher {
  /**
   * Publishes one version of a deliverable. Idempotent per (deliverableId, version): a second call
   * returns the first result and repeats nothing (a workflow step may re-run after a crash); only a
   * step that did not finish (an announcement Slack refused, a webhook call cut short) is tried again.
   * A failing webhook does not throw: the result says so. Throws only when the database does not answer.
   */
  publish(req: PublishRequest): Promise<PublishResult>;
}
