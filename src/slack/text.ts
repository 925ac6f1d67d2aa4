import type { Department } from '../department/schema.js';
import { USER_MENTION } from './addressing.js';
import type { Identities } from './identities.js';

/** Longer text is cut, and says so, so neither a person nor a model mistakes it for the whole. */
export function cutText(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  return `${text.slice(0, maxChars).trimEnd()}… [cut: ${text.length - maxChars} characters over the limit]`;
}

/**
 * How an outbound post addresses agents: a real mention for an agent with its own bot user
 * (it notifies and links), the bold name for a persona (there is no Slack user to mention).
 * A "human:U123" recipient is mentioned as the person.
 */
export function renderMention(agentId: string, department: Department, identities: Pick<Identities, 'agent'>): string {
  if (agentId.startsWith('human:')) return `<@${agentId.slice('human:'.length)}>`; // a person addressed by an agent
  const identity = identities.agent(agentId);
  if (identity.mode === 'dedicated') return `<@${identity.userId}>`;
  return `*@${department.byId.get(agentId)?.name ?? agentId}*`;
}

export function renderMentions(agentIds: string[], department: Department, identities: Pick<Identities, 'agent'>): string {
  return [...new Set(agentIds)].map((id) => renderMention(id, department, identities)).join(' ');
}

/**
 * The text as an agent's model should read it: the app's own <@mention> removed (it only says
 * "this is for the department") and dedicated agent bots shown by name. People's mentions stay.
 */
export function textForModel(
  text: string,
  ctx: { mainBotUserId: string; agentByUserId: (userId: string) => string | undefined; department: Department },
): string {
  const mention = new RegExp(`${USER_MENTION.source}([ \\t]*)`, 'g');
  return text
    .replace(mention, (whole, userId: string, space: string) => {
      if (userId === ctx.mainBotUserId) return '';
      const agentId = ctx.agentByUserId(userId);
      return agentId ? `@${ctx.department.byId.get(agentId)?.name ?? agentId}${space}` : whole;
    })
    .replace(/^[\s,:]+/, '')
    .trimEnd();
}

/**
 * A person's words shown literally in a post the app makes: Slack's control characters escaped,
 * so a question cannot ping @channel or disguise a link. Already-escaped text (slash commands)
 * is decoded first, so escaping twice changes nothing.
 */
export function literalText(text: string): string {
  const decoded = text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  return decoded.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Agents never ping a whole channel or a user group: such mentions become plain text. */
export function defuseBroadcasts(text: string): string {
  return text
    .replace(/<!(channel|here|everyone)(?:\|[^>]*)?>/g, '@$1')
    .replace(/<!subteam\^[A-Z0-9]+(?:\|([^>]*))?>/g, (_m, label: string | undefined) => label ?? '@group');
}
