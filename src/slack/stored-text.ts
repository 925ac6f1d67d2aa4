import type { Department } from '../department/schema.js';
import { storableText } from '../lib/storable-text.js';
import type { Identities } from './identities.js';
import { cutText, textForModel } from './text.js';

/**
 * A person's Slack text as the department stores it (and the model reads it): the app's mention
 * dropped, agents named, cut to the department's limit. Cut after the edge made the text storable:
 * a cut can split a surrogate pair, so made storable again.
 */
export function storedText(text: string, ctx: { identities: Pick<Identities, 'main' | 'agentByUserId'>; department: Department }): string {
  const { identities, department } = ctx;
  return storableText(
    cutText(
      textForModel(text, { mainBotUserId: identities.main.userId, agentByUserId: identities.agentByUserId, department }),
      department.file.limits.max_message_chars,
    ),
  );
}
