import type { Department } from '../department/schema.js';

/** A Slack user mention as it arrives in event text: <@U123> or <@U123|name>. */
export const USER_MENTION = /<@([UW][A-Z0-9]+)(?:\|[^>]*)?>/g;

/** Where in the text an agent was addressed, so targets keep the order the person wrote them in. */
export interface Addressed {
  at: number;
  agentId: string;
}

const WORDS = /^([a-z0-9][a-z0-9_-]*)(?:[ \t]+([a-z0-9][a-z0-9_-]*))?(?:[ \t]+([a-z0-9][a-z0-9_-]*))?/i;

/**
 * The agent named by the words at the start of `text`: its handle, an alias, its id or its display
 * name ("Content Manager", "VP of Marketing"). Longest match first, so "seo specialist" beats "seo".
 */
export function agentNamedAt(text: string, department: Department): string | undefined {
  const m = WORDS.exec(text);
  if (!m) return undefined;
  const words = [m[1], m[2], m[3]].filter((w): w is string => w !== undefined).map((w) => w.toLowerCase());
  for (let n = words.length; n >= 1; n--) {
    const agent = department.byHandle.get(words.slice(0, n).join(' '));
    if (agent) return agent.id;
  }
  return undefined;
}

/** Persona handles typed anywhere: "@copywriter", "@SEO", "@content-manager", "@Content Manager". */
export function handlesIn(text: string, department: Department): Addressed[] {
  const found: Addressed[] = [];
  // "@" at the start or after a non-word character (not inside an e-mail address or a <@U…> mention).
  const at = /(^|[^\w.@<])@(?=[a-z0-9])/gi;
  for (let m = at.exec(text); m; m = at.exec(text)) {
    const start = m.index + m[0].length;
    const agentId = agentNamedAt(text.slice(start), department);
    if (agentId) found.push({ at: start, agentId });
  }
  return found;
}

/** Native <@U…> mentions of the main app and of dedicated agent bots. */
export function nativeMentionsIn(
  text: string,
  mainBotUserId: string,
  agentByUserId: (userId: string) => string | undefined,
): { agents: Addressed[]; mainAppAt: number[] } {
  const agents: Addressed[] = [];
  const mainAppAt: number[] = [];
  for (const m of text.matchAll(USER_MENTION)) {
    const userId = m[1]!;
    const end = m.index + m[0].length;
    if (userId === mainBotUserId) mainAppAt.push(end);
    const agentId = agentByUserId(userId);
    if (agentId) agents.push({ at: m.index, agentId });
  }
  return { agents, mainAppAt };
}

/** "<@UAPP> copywriter, write…" / "<@UAPP> Content Manager: …": the agent named right after the app mention. */
export function namedAfterAppMention(text: string, mainAppAt: number[], department: Department): Addressed[] {
  return mainAppAt.flatMap((end) => {
    const rest = text.slice(end);
    const lead = /^[\s,:]*/.exec(rest)![0].length;
    const agentId = agentNamedAt(rest.slice(lead), department);
    return agentId ? [{ at: end + lead, agentId }] : [];
  });
}
