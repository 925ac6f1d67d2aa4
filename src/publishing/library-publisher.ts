import type { Logger } from 'pino';
import { isPostFailure } from '../agents/ports.js';
import { errorLine } from '../lib/error-line.js';
import type { PublicationRow, PublicationStore } from '../store/publication-store.js';
import type { Announcer } from './announcer.js';
import { publishResult } from './publish-result.js';
import type { Publisher, PublishRequest } from './publisher.js';
import type { WebhookOutlet } from './webhook-outlet.js';

export interface LibraryPublisherDeps {
  library: PublicationStore;
  announcer: Announcer;
  /** Also sends each publication there (PUBLISH_WEBHOOK_URL); absent: the library only. */
  webhook?: WebhookOutlet | undefined;
  logger: Logger;
}

/**
 * A step begun this recently is another call's, still under way, not a crashed one to finish. The
 * only caller is the workflow publish node, run under the run's drive lease (DRIVE_LEASE_MS, 10 s,
 * renewed every DRIVE_RENEW_MS, 2.5 s): two calls overlap only in the moments a lease changes hands,
 * and a driver that dies mid-step has its run re-driven by the sweeper about 10-15 s later. Both
 * windows are shorter than that, so the re-run finishes the step instead of taking it for another
 * call's and leaving the publication never announced or never sent. The webhook's four attempts
 * can outlast its window; only a second driver, which the lease prevents, could then send it again.
 */
const IN_FLIGHT_MS = 5_000;
const WEBHOOK_IN_FLIGHT_MS = 5_000;

/**
 * The default publisher: records the publication in the department's library, sends it to the
 * publishing webhook when there is one (never rehearsal content), then announces it in the
 * published channel, saying where it went. Each step is done once per (deliverable, version): a
 * re-run finds what is recorded and only finishes what was not (see PublicationStore's claims).
 */
export function createLibraryPublisher(deps: LibraryPublisherDeps): Publisher {
  const { library, announcer, webhook } = deps;
  const log = deps.logger.child({ component: 'publisher' });

  async function sendToWebhook(outlet: WebhookOutlet, p: PublicationRow): Promise<PublicationRow> {
    if (p.webhookStartedAt && Date.now() - p.webhookStartedAt.getTime() < WEBHOOK_IN_FLIGHT_MS) return p; // another call is sending it
    if (!(await library.claimWebhook(p.id, p.webhookStartedAt))) return library.get(p.id); // another call is sending it
    const outcome = await outlet.deliver(p);
    if (outcome.status === 'failed') log.warn({ publication: p.id, detail: outcome.detail }, 'publishing webhook did not take the publication; it stays in the library');
    return library.webhookAnswered(p.id, outcome.status, outcome.detail);
  }

  async function announce(p: PublicationRow): Promise<{ publication: PublicationRow; error?: string }> {
    // Another call is posting it right now (two calls at once): that one finishes it.
    if (p.announceStartedAt && Date.now() - p.announceStartedAt.getTime() < IN_FLIGHT_MS) return { publication: p };
    if (p.announceStartedAt) {
      // An earlier call began posting it and did not record the ts: it may be in the channel already.
      const found = await announcer.find(p, p.announceStartedAt).catch((err: unknown) => {
        log.warn({ publication: p.id, error: errorLine(err) }, `could not look in ${announcer.channel} for an earlier announcement; posting it, which may show it twice`);
        return null;
      });
      if (found) return { publication: await library.announced(p.id, found.channelId, found.ts) };
    }
    if (!(await library.claimAnnouncement(p.id, p.announceStartedAt))) return { publication: await library.get(p.id) }; // another call is posting it
    let posted: { channelId: string; ts: string };
    try {
      posted = await announcer.announce(p);
    } catch (err) {
      if (isPostFailure(err) && err.refused) await library.announcementRefused(p.id);
      log.warn({ publication: p.id, error: errorLine(err) }, `publication not announced in ${announcer.channel}`);
      return { publication: p, error: isPostFailure(err) ? err.message : errorLine(err) };
    }
    return { publication: await library.announced(p.id, posted.channelId, posted.ts) };
  }

  return {
    async publish(req: PublishRequest) {
      let p = await library.record({
        deliverableId: req.deliverableId,
        version: req.version,
        title: req.title,
        contentType: req.contentType,
        content: req.content,
        author: req.author,
        approvedBy: req.approvedBy,
        conversationId: req.conversationId,
        rehearsal: req.rehearsal,
      });
      if (webhook && !p.rehearsal && p.webhookStatus === null) p = await sendToWebhook(webhook, p);
      let announceError: string | undefined;
      if (!p.announceTs) ({ publication: p, error: announceError } = await announce(p));
      return publishResult(p, { channel: announcer.channel, webhookConfigured: Boolean(webhook), announceError });
    },
  };
}
