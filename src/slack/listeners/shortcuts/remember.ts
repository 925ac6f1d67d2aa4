import type { AllMiddlewareArgs, MessageShortcut, SlackShortcutMiddlewareArgs } from '@slack/bolt';
import type { KnowledgeBase } from '../../../knowledge/knowledge-base.js';
import { errorLine } from '../../../lib/error-line.js';
import type { Logger } from 'pino';
import { rememberReply } from '../../knowledge-replies.js';

/**
 * "Remember this" on a message: its text becomes a note of the department's memory, with a link
 * back to it, and only the person who asked is told (with the id to forget it by).
 */
export const rememberShortcut =
  (deps: { knowledge?: KnowledgeBase | undefined; logger: Logger }) =>
  async ({ shortcut, ack, respond, client }: SlackShortcutMiddlewareArgs<MessageShortcut> & AllMiddlewareArgs) => {
    await ack();
    if (!deps.knowledge) {
      await respond({ response_type: 'ephemeral', text: "The department's memory is not open in this process." });
      return;
    }
    const text = shortcut.message.text ?? '';
    if (!text.trim()) {
      await respond({ response_type: 'ephemeral', text: 'That message has no text to remember (files and images are not read).' });
      return;
    }
    const link = await client.chat.getPermalink({ channel: shortcut.channel.id, message_ts: shortcut.message.ts }).catch((err: unknown) => {
      deps.logger.warn({ err: errorLine(err) }, 'no permalink for a remembered message');
      return null;
    });
    await respond({ response_type: 'ephemeral', text: await rememberReply({ knowledge: deps.knowledge }, { text, by: shortcut.user.id, permalink: link?.permalink ?? null }) });
  };
