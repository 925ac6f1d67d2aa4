import { SocketModeReceiver, type App, type SocketModeReceiverOptions } from '@slack/bolt';
import type { Logger } from 'pino';
import { errorLine } from '../../lib/error-line.js';
import { checkBody } from './check-body.js';

/** What the Socket Mode client emits as `slack_event` for every envelope. */
interface SocketEnvelope {
  type: string;
  body: unknown;
  ack: (response?: Record<string, unknown>) => Promise<void>;
  retry_num?: number;
  retry_reason?: string;
}

/**
 * Bolt's SocketModeReceiver, with events acknowledged only once recorded, as over HTTP: an
 * events_api envelope is run through App.processEvent (with Bolt's event ack a no-op) and acked
 * when its listeners are done; if ingest could not record it, it is not acked and Slack sends it
 * again (retry_attempt, same event_id). A body that checkBody refuses is acked and logged (Bolt
 * would fail on it; resending would not help). Slash commands and interactivity go to Bolt's own
 * handler, which acks them first.
 */
export class SocketEdgeReceiver extends SocketModeReceiver {
  private boltApp: App | undefined;
  private readonly log: Logger;

  constructor(options: SocketModeReceiverOptions & { appLogger: Logger }) {
    const { appLogger, ...bolt } = options;
    super(bolt);
    this.log = appLogger.child({ component: 'slack-edge' });
    const boltHandlers = this.client.listeners('slack_event') as ((envelope: SocketEnvelope) => Promise<void>)[];
    if (boltHandlers.length !== 1) throw new Error(`SocketModeReceiver changed: expected one slack_event handler, found ${boltHandlers.length}`);
    const boltHandler = boltHandlers[0]!;
    this.client.removeListener('slack_event', boltHandler);
    this.client.on('slack_event', (envelope: SocketEnvelope) => void this.gate(envelope, boltHandler));
  }

  override init(app: App): void {
    super.init(app);
    this.boltApp = app;
  }

  private async gate(envelope: SocketEnvelope, boltHandler: (envelope: SocketEnvelope) => Promise<void>): Promise<void> {
    try {
      const verdict = checkBody(envelope.body);
      if (verdict.kind === 'bad' || verdict.kind === 'rate_limited') {
        const problem = verdict.kind === 'bad' ? verdict.why : 'Slack dropped events: the app exceeded the Events API rate limit';
        this.log.warn({ envelope: envelope.type, problem }, 'slack envelope not processed (acked so Slack does not resend it)');
        return await envelope.ack();
      }
      if (verdict.kind === 'bolt' || !this.boltApp) return await boltHandler(envelope);
      const { body } = verdict;
      try {
        await this.boltApp.processEvent({ body, ack: async () => {}, retryNum: envelope.retry_num, retryReason: envelope.retry_reason });
      } catch (err) {
        this.log.warn(
          { event_id: body.event_id, type: (body.event as { type: string }).type, retry: envelope.retry_num, error: errorLine(err) },
          'slack event not recorded: left unacknowledged so Slack sends it again',
        );
        return;
      }
      await envelope.ack();
    } catch (err) {
      // The socket dropped before the ack: Slack resends, and the store knows the event_id.
      this.log.warn({ envelope: envelope.type, error: errorLine(err) }, 'slack envelope could not be acknowledged');
    }
  }
}
